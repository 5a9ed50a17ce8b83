"""One SMMDesk per data folder.

Two instances on one folder would each run the journal's start-up recovery and mark the
other's in-flight order "interrupted" (seen: the first instance then failed to record an
order the panel had placed). A `QLockFile` in the data folder decides who runs; a second
launch on the same folder asks the running one, over a `QLocalSocket`, to come to the
front, and exits. Another `--data-dir` is another folder, so it runs side by side.

Signals:
    activation_requested()   a second launch wants this instance's window in front
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCryptographicHash, QLockFile, QObject, QTimer, Signal, Slot

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer

log = logging.getLogger("smmdesk.instance")
LOCK_NAME = "smmdesk.lock"
ACTIVATE = b"activate\n"
CONNECT_TIMEOUT_MS = 1000
LOCK_TIMEOUT_MS = 200


class InstanceGuard(QObject):
    activation_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        folder = data_dir.expanduser().resolve()
        folder.mkdir(parents=True, exist_ok=True)  # OSError: the caller explains the folder
        self._lock = QLockFile(str(folder / LOCK_NAME))
        # Only a dead owner makes a lock stale, never its age: a running app may hold it
        # for days.
        self._lock.setStaleLockTime(0)
        # QtCore's hash, not hashlib: importing hashlib costs 10 ms of start-up (OpenSSL).
        digest = QCryptographicHash.hash(str(folder).encode(), QCryptographicHash.Algorithm.Sha256)
        self.server_name = "smmdesk-" + bytes(digest.toHex().data()).decode()[:20]
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        """True when this process may run on the folder (then call `listen()` once the
        window is up); False after asking the running owner to show itself.

        A lock file that cannot be written (a read-only folder) is not "another instance":
        the start-up then goes on and the store explains the folder's problem.
        """
        if self._lock.tryLock(LOCK_TIMEOUT_MS):
            return True
        if self._lock.error() is not QLockFile.LockError.LockFailedError:
            log.warning("cannot lock the data folder (%s); running unguarded", self._lock.error())
            return True
        log.info("another SMMDesk runs on this data folder; asking it to come forward")
        self._ask_owner_to_activate()
        return False

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    @Slot()
    def listen_soon(self) -> None:
        """`listen()` from the event loop: not on the first paint's path."""
        QTimer.singleShot(0, self, self.listen)

    def listen(self) -> None:
        """Accept second launches' requests. QtNetwork loads here, after the first paint,
        not on the start-up path."""
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.server_name)  # a crashed owner's socket file
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.server_name):
            log.warning("cannot listen for second launches: %s", server.errorString())
            return
        server.newConnection.connect(self.on_server_new_connection)
        self._server = server

    def _ask_owner_to_activate(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(self.server_name)
        if socket.waitForConnected(CONNECT_TIMEOUT_MS):
            socket.write(ACTIVATE)
            socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
            socket.disconnectFromServer()

    @Slot()
    def on_server_new_connection(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            socket = server.nextPendingConnection()
            socket.readyRead.connect(self.on_socket_ready_read)
            socket.disconnected.connect(socket.deleteLater)

    @Slot()
    def on_socket_ready_read(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        socket = self.sender()
        if isinstance(socket, QLocalSocket) and ACTIVATE.strip() in socket.readAll().data():
            self.activation_requested.emit()
