"""A TCP proxy between the tills and PostgreSQL that drops connections: the network of a bad day.

Every chunk a client sends is a "send". With probability ``drop_ratio`` the proxy cuts the
connection at that send, half the time before the chunk reaches the server (the request is lost)
and half the time right after (the server acts on it, the answer is lost: a batch committed
whose acknowledgement never arrives). ``down()`` cuts every connection and refuses new ones
(the store's line is dead); ``up()`` brings it back.
"""

from __future__ import annotations

import contextlib
import random
import socket
import threading


class FlakyNetwork:
    def __init__(self, target_port: int, *, drop_ratio: float = 0.0, seed: int = 0) -> None:
        self.target_port = target_port
        self.drop_ratio = drop_ratio
        self.is_up = True
        self.cuts = 0
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._closed = False
        threading.Thread(target=self._accept, name="flaky-network", daemon=True).start()

    def dsn(self, dbname: str, user: str) -> str:
        return f"host=127.0.0.1 port={self.port} user={user} dbname={dbname} connect_timeout=3"

    def down(self) -> None:
        self.is_up = False
        self.cut_all()

    def up(self, *, drop_ratio: float = 0.0) -> None:
        self.drop_ratio = drop_ratio
        self.is_up = True

    def cut_all(self) -> None:
        with self._lock:
            pairs, self._pairs = self._pairs, []
        for pair in pairs:
            self._cut(pair)

    def close(self) -> None:
        self._closed = True
        self._listener.close()
        self.cut_all()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if not self.is_up:
                client.close()
                continue
            try:
                server = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            pair = (client, server)
            with self._lock:
                self._pairs.append(pair)
            threading.Thread(target=self._pump, args=(pair, client, server, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(pair, server, client, False), daemon=True).start()

    def _should_drop(self) -> bool:
        with self._lock:
            return self._rng.random() < self.drop_ratio

    def _pump(
        self,
        pair: tuple[socket.socket, socket.socket],
        source: socket.socket,
        sink: socket.socket,
        is_send: bool,
    ) -> None:
        try:
            while True:
                chunk = source.recv(65536)
                if not chunk or not self.is_up:
                    break
                if is_send and self._should_drop():
                    with self._lock:
                        self.cuts += 1
                        answer_lost = self._rng.random() < 0.5
                    if answer_lost:
                        sink.sendall(chunk)
                    break
                sink.sendall(chunk)
        except OSError:
            pass
        self._cut(pair)

    def _cut(self, pair: tuple[socket.socket, socket.socket]) -> None:
        for end in pair:
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                end.close()
        with self._lock:
            if pair in self._pairs:
                self._pairs.remove(pair)
