"""One module per transcript layout; the registry lives in teikit.transcript."""
