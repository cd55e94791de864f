"""Store stage, serving: a query worker process -> one that cannot open a network socket (Linux seccomp).

pyoxigraph has no switch to turn SERVICE off (Store.query takes no service handler), so a
worker that serves without federation forbids itself the network: after `forbid_network()`
the kernel refuses `socket()` for every family but AF_UNIX (the worker's pipe to the server),
and io_uring, which could open sockets behind that check. The filter holds for the process's
threads and children and cannot be lifted. SERVICE then fails with a connection error
whatever the query check upstream missed.
"""

from __future__ import annotations

import ctypes
import errno
import platform
import socket
import struct
import sys

# per machine: (AUDIT_ARCH_*, __NR_socket, __NR_io_uring_setup, first x32 syscall number or None)
_ARCHES = {
    "x86_64": (0xC000003E, 41, 425, 0x40000000),
    "aarch64": (0xC00000B7, 198, 425, None),
}
_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2
_LD_W_ABS, _JEQ_K, _JGE_K, _RET_K = 0x20, 0x15, 0x35, 0x06
_ALLOW, _KILL = 0x7FFF0000, 0x80000000
_DENY = 0x00050000 | errno.EACCES  # SECCOMP_RET_ERRNO: the call fails with EACCES
# offsets in struct seccomp_data: nr, arch, then args[0] (its low word on these little-endian machines)
_NR, _ARCH, _ARG0 = 0, 4, 16


def _insn(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("HBBI", code, jt, jf, k)


def _program(arch: int, nr_socket: int, nr_uring: int, x32: int | None) -> list[bytes]:
    prog = [
        _insn(_LD_W_ABS, 0, 0, _ARCH),
        _insn(_JEQ_K, 1, 0, arch),
        _insn(_RET_K, 0, 0, _KILL),  # another ABI (32-bit calls on a 64-bit kernel): nothing to allow
        _insn(_LD_W_ABS, 0, 0, _NR),
    ]
    if x32 is not None:  # the x32 ABI shares the arch value; its numbers have this bit set
        prog += [_insn(_JGE_K, 0, 1, x32), _insn(_RET_K, 0, 0, _DENY)]
    prog += [
        _insn(_JEQ_K, 0, 1, nr_uring),
        _insn(_RET_K, 0, 0, _DENY),
        _insn(_JEQ_K, 0, 3, nr_socket),
        _insn(_LD_W_ABS, 0, 0, _ARG0),
        _insn(_JEQ_K, 1, 0, socket.AF_UNIX),
        _insn(_RET_K, 0, 0, _DENY),
        _insn(_RET_K, 0, 0, _ALLOW),
    ]
    return prog


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_char_p)]


def forbid_network() -> bool:
    """Forbid this process every network socket from now on; True when the kernel took the filter.

    Linux on x86_64 or aarch64 only: elsewhere, or when the kernel refuses, it returns False
    and changes nothing. Call it before any thread starts: threads started earlier keep the network.

    Example:
        >>> forbid_network()  # doctest: +SKIP
        True
        >>> socket.create_connection(("127.0.0.1", 80))  # doctest: +SKIP
        PermissionError: [Errno 13] Permission denied
    """
    spec = _ARCHES.get(platform.machine())
    if not sys.platform.startswith("linux") or spec is None:
        return False
    prog = b"".join(_program(*spec))
    fprog = _SockFprog(len(prog) // 8, prog)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    return libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) == 0
