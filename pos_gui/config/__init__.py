"""Typed settings of the till, where they live on disk, and its secrets in the OS key store."""
