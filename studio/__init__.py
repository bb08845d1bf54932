"""The Studio tab and the signed hand-off to the external MintKit Studio."""
