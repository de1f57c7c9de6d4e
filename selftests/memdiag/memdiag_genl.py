# SPDX-License-Identifier: GPL-2.0
"""A minimal generic netlink client of the memdiag family for the Python
selftests and benchmarks: the attribute numbers come from the uapi header,
never from a copy. Also the selftests' one check(): numbered KTAP-ish
result lines, counted here (n_test, failed) for the plan and exit status."""
import errno
import os
import re
import socket
import struct
import subprocess
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# In the tree, or installed (make install INSTALL_PATH=DIR): beside us.
UAPI = os.environ.get("MEMDIAG_UAPI",
                      os.path.join(HERE, "../../include/uapi/linux/memdiag.h"))
if not os.path.exists(UAPI) and "MEMDIAG_UAPI" not in os.environ:
    UAPI = os.path.join(HERE, "memdiag.h")


def uapi_enums(path):
    """NAME -> value for every enumerator and #define number of the header."""
    text = open(path).read()
    vals = {}
    for m in re.finditer(r"#define\s+(MEMDIAG_\w+)\s+(\d+)\b", text):
        vals[m.group(1)] = int(m.group(2))
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    for body in re.findall(r"enum\s*\w*\s*{([^}]*)}", text):
        n = 0
        for item in body.split(","):
            item = item.strip()
            if not item:
                continue
            name, _, expr = item.partition("=")
            name, expr = name.strip(), expr.strip()
            if expr:
                n = vals[expr[1:-1].split(" - ")[0].strip()] - 1 \
                    if expr.startswith("(") else int(expr, 0)
            vals[name] = n
            n += 1
    return vals


E = uapi_enums(UAPI)


def A(name):
    return E["MEMDIAG_A_" + name]


# ---- the system ----------------------------------------------------------

def sh(*cmd, ok=True):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if ok and r.returncode:
        raise RuntimeError("%s: exit %d: %s" % (cmd, r.returncode, r.stderr))
    return r


def write(path, val):
    with open(path, "w") as f:
        f.write(str(val))


def meminfo(key):
    for line in open("/proc/meminfo"):
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise KeyError(key)


# ---- results ---------------------------------------------------------------

n_test = 0      # result lines printed so far
failed = False  # any of them "not ok"


def check(ok, name, why=""):
    """Print "ok N NAME" or "not ok N NAME" (N counts from 1 in this
    process); when not ok, @why follows as "# " comment lines."""
    global n_test, failed
    n_test += 1
    print(("ok %d %s" if ok else "not ok %d %s") % (n_test, name))
    if not ok:
        failed = True
        print("# " + str(why).replace("\n", "\n# "))


# ---- generic netlink -------------------------------------------------------

NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP = 1, 4, 0x300
NLMSG_ERROR, NLMSG_DONE, GENL_ID_CTRL = 2, 3, 0x10


def nla(atype, data):
    hdr = struct.pack("=HH", 4 + len(data), atype)
    return hdr + data + b"\0" * (-len(data) % 4)


def nla_parse(buf):
    """[(type, payload)] in order; the nested flag bit is dropped."""
    out, off = [], 0
    while off + 4 <= len(buf):
        alen, atype = struct.unpack_from("=HH", buf, off)
        if alen < 4:
            break
        out.append((atype & 0x3FFF, buf[off + 4:off + alen]))
        off += (alen + 3) & ~3
    return out


class Genl:
    def __init__(self):
        self.sk = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)
        self.sk.bind((0, 0))
        self.seq = 0
        reply = self.request(GENL_ID_CTRL, 3, nla(2, b"memdiag\0"), 1)
        attrs = dict(nla_parse(reply[0]))
        self.family = struct.unpack("=H", attrs[1][:2])[0]
        self.groups = {}  # CTRL_ATTR_MCAST_GROUPS: name -> id
        for _, grp in nla_parse(attrs.get(7, b"")):
            g = dict(nla_parse(grp))
            self.groups[g[1].rstrip(b"\0").decode()] = \
                struct.unpack("=I", g[2])[0]

    def join(self, group):
        """Receive the multicast group @group on this socket from now on: a
        thread reads it as it comes (as a real listener does), so that a
        burst of records meanwhile (an OOM makes the kernel's own THP and
        NOWARN attempts fail by the thousand) cannot fill the socket."""
        try:    # root may go past net.core.rmem_max
            self.sk.setsockopt(socket.SOL_SOCKET, 33, 1 << 24)  # SO_RCVBUFFORCE
        except OSError:
            self.sk.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
        self.sk.setsockopt(270, 1, self.groups[group])  # NETLINK_ADD_MEMBERSHIP
        self.got = []
        self.overruns = 0       # ENOBUFS: the socket lost messages
        self.cv = threading.Condition()
        threading.Thread(target=self._reader, daemon=True).start()

    def _reader(self):
        while True:
            try:
                data = self.sk.recv(1 << 20)
            except OSError as e:
                if e.errno != errno.ENOBUFS:
                    raise
                with self.cv:
                    self.overruns += 1
                continue
            off, msgs = 0, []
            while off + 20 <= len(data):
                mlen = struct.unpack_from("=I", data, off)[0]
                msgs.append((data[off + 16], data[off + 20:off + mlen]))
                off += (mlen + 3) & ~3
            with self.cv:
                self.got += msgs
                self.cv.notify_all()

    def notifications(self, timeout=2.0):
        """(cmd, attributes payload) of every message received since the
        last call, once none came for @timeout seconds. A socket that
        overran (self.overruns) lost some: say so in a check's output."""
        end = time.monotonic() + 60     # a stream that never stops
        with self.cv:
            while self.cv.wait(timeout) and time.monotonic() < end:
                pass
            out, self.got = self.got, []
        return out

    def send(self, family, cmd, attrs=b"", version=1, dump=False):
        """Send one request; its answer is left on the socket."""
        self.seq += 1
        flags = NLM_F_REQUEST | NLM_F_ACK | (NLM_F_DUMP if dump else 0)
        body = struct.pack("=BBH", cmd, version, 0) + attrs
        self.sk.send(struct.pack("=IHHII", 16 + len(body), family, flags,
                                 self.seq, 0) + body)

    def request(self, family, cmd, attrs=b"", version=1, dump=False):
        self.send(family, cmd, attrs, version, dump)
        msgs = []
        while True:
            data = self.sk.recv(1 << 20)
            off = 0
            while off + 16 <= len(data):
                mlen, mtype, _, seq, _ = struct.unpack_from("=IHHII", data, off)
                payload = data[off + 16:off + mlen]
                off += (mlen + 3) & ~3
                if mtype == NLMSG_DONE:
                    return msgs
                if mtype == NLMSG_ERROR:
                    err = struct.unpack_from("=i", payload)[0]
                    if err:
                        raise OSError(-err, os.strerror(-err))
                    return msgs
                msgs.append(payload[4:])  # past the genl header
