"""briefgen: hand-edited YAML fact sheets in, sourced PDF and HTML policy briefs out."""

__version__ = "0.1.0"
