"""Reading the YAML data: the reader, structural validation, the loader and its cache."""
