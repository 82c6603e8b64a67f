"""Search. Only this package imports Whoosh; importing the package itself does not (the command line
reads the filter vocabulary without loading the search engine): use catalogue.search.engine."""
