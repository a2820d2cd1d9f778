"""Reading: files and records -> Article | Skipped, and cleaning an Article into body, zones and metadata.

``read_path``/``read_paths`` pick a reader by suffix (txt, html, jsonl, csv, tml); ``clean`` finds the
body, the debris inside it and the header's metadata without deleting a character, so every offset
still indexes the text as read. A new format is one module here with one ``read_<format>`` function.
"""

from detente.read.article import article_id, make_article
from detente.read.clean import clean
from detente.read.files import KNOWN_SUFFIXES, decode, read_file, read_path, read_paths
from detente.read.records import ISO_DATE, RECORD_FIELDS

__all__ = ["ISO_DATE", "KNOWN_SUFFIXES", "RECORD_FIELDS", "article_id", "clean", "decode", "make_article",
           "read_file", "read_path", "read_paths"]
