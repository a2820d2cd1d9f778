from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
TIMEBANK = SHARED / "data" / "timebank"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def seed(n: int) -> Path:
    found = sorted(SEEDS.glob(f"{n:03d}_*.txt"))
    if not found:
        pytest.skip(f"seed {n:03d} not found under {SEEDS}")
    return found[0]


@pytest.fixture(scope="session")
def resources():
    """Strict: a stage that raises shows its traceback here instead of becoming a Skipped."""
    from detente.settings import Resources, Settings

    return Resources(Settings(strict=True))
