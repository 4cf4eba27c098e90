"""Fiscal signing for German tills (KassenSichV): the TSE signer interface and its implementations.

A layer beside :mod:`pos_gui.api`: it imports :mod:`pos_gui.core` only, never Qt. The package
itself imports nothing heavy; :mod:`pos_gui.fiscal.fiskaly` (httpx) must be imported lazily by the
composition root, off the way to the first window. See ``docs/fiscal.md``.
"""
