"""pos-gui: a desktop cash register for secucard loyalty and gift cards."""

__version__ = "0.1.0"
