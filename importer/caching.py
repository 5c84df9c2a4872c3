"""Page-cache declarations (portal/cache_dependencies.py): the import's own records are
not public; the articles it writes are content's, and a run ends with a content bump."""

NOT_SHOWN = ("importer.SourceProfile", "importer.ImportRun", "importer.ImportItem")
