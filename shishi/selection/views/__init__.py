"""The selection's pages, one module per part of the year's cycle."""
