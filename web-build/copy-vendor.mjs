// Copies the UI's third-party JS (UMD/minified dist files) from node_modules into the package, with
// their licences and exact versions, so the installed package serves them itself: no CDN, no npm at run time.
// Usage: cd web-build && npm ci && npm run vendor
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, "..", "src", "detente", "web", "vendor");
const files = [
  // [package, file inside the package, name in vendor/]
  ["graphology", "dist/graphology.umd.min.js", "graphology.umd.min.js"],
  ["sigma", "dist/sigma.min.js", "sigma.min.js"],
  ["d3", "dist/d3.min.js", "d3.min.js"],
  ["@observablehq/plot", "dist/plot.umd.min.js", "plot.umd.min.js"],
  // Swagger UI for the API docs at /docs (FastAPI's default page would load it from a CDN)
  ["swagger-ui-dist", "swagger-ui-bundle.js", "swagger-ui-bundle.js"],
  ["swagger-ui-dist", "swagger-ui.css", "swagger-ui.css"],
];

mkdirSync(target, { recursive: true });
const manifest = [];
for (const [pkg, file, name] of files) {
  const root = join(here, "node_modules", pkg);
  if (!existsSync(join(root, file))) {
    console.error(`missing ${pkg}/${file}: run 'npm ci' in web-build first`);
    process.exit(1);
  }
  copyFileSync(join(root, file), join(target, name));
  const meta = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const licence = ["LICENSE", "LICENSE.txt", "LICENSE.md"].find((f) => existsSync(join(root, f)));
  const slug = meta.name.replace(/^@/, "").replace(/\//g, "-");
  if (licence) copyFileSync(join(root, licence), join(target, `${slug}.LICENSE.txt`));
  if (existsSync(join(root, "NOTICE"))) copyFileSync(join(root, "NOTICE"), join(target, `${slug}.NOTICE.txt`));
  manifest.push(`${name}\t${meta.name}@${meta.version}\t${meta.license}`);
}
writeFileSync(join(target, "VERSIONS.tsv"), "file\tpackage\tlicense\n" + manifest.join("\n") + "\n");
console.log(manifest.join("\n"));
