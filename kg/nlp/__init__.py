"""Per-language spaCy pipelines: Article text -> spaCy Doc (kk: our own Kazakh language)."""
