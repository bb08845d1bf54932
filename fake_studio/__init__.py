"""The offline MintKit Studio stand-in: a client of the Hub's Studio contract, nothing more."""
