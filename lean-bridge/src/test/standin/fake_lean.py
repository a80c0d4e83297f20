"""Stand-in for the Lean toolchain (`lake` and `lean`) used by leanprove's tests.

Started by bin/lake and bin/lean as `python3 fake_lean.py (lake|lean) ARGS...`.
It checks no mathematics: whether a proof "works" comes only from the oracle file
named by FAKE_LEAN_ORACLE, so it can never accept a proof the oracle does not list.
Output formats follow /work/shared/lean-transcripts (see README.md next to this file).
Standard library only, and imports kept lazy so that one start stays well under 50 ms.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BIN_DIR = os.path.join(HERE, "bin")

DEFAULT_VERSION = "4.24.0"
# Real release commits, so that `--version` of a pinned version reads like the real one.
KNOWN_COMMITS = {"4.24.0": "797c613eb9b6d4ec95db23e3e00af9ac6657f24b"}

STANDARD_AXIOMS = ["propext", "Classical.choice", "Quot.sound"]
MARKERS = ("hang-child", "hang", "crash", "garbage", "huge-output", "eat-memory", "print")


# ---------------------------------------------------------------------------
# Versions
# ---------------------------------------------------------------------------

class Version:
    """FAKE_LEAN_VERSION, e.g. `4.24.0` or `v4.28.0-rc1`."""

    def __init__(self, text):
        text = text.strip()
        if text.startswith("v"):
            text = text[1:]
        self.text = text
        core = text.split("-", 1)[0]
        parts = []
        for piece in core.split("."):
            digits = ""
            for ch in piece:
                if not ch.isdigit():
                    break
                digits += ch
            parts.append(int(digits) if digits else 0)
        while len(parts) < 3:
            parts.append(0)
        self.tuple = tuple(parts[:3])

    def at_least(self, major, minor):
        return self.tuple[:2] >= (major, minor)

    def commit(self):
        known = KNOWN_COMMITS.get(self.text)
        if known:
            return known
        import hashlib
        return hashlib.sha1(("leanprover/lean4 v" + self.text).encode()).hexdigest()

    def target(self):
        machine = os.uname().machine
        if sys.platform == "darwin":
            return machine + "-apple-darwin"
        return machine + "-unknown-linux-gnu"

    def lean_version_line(self):
        return "Lean (version %s, %s, commit %s, Release)" % (self.text, self.target(), self.commit())

    def lake_version_line(self):
        return "Lake version 5.0.0-src+%s (Lean version %s)" % (self.commit()[:7], self.text)

    def sorry_warning(self):
        # The quotes changed in v4.28.0-rc1 (lean-transcripts README, "Wording that changed").
        return "declaration uses `sorry`" if self.at_least(4, 28) else "declaration uses 'sorry'"

    def has_kind(self):
        return self.at_least(4, 15)

    def named_errors(self):
        return self.at_least(4, 23)

    def per_use_native_axioms(self):
        return self.at_least(4, 29)


def current_version():
    return Version(os.environ.get("FAKE_LEAN_VERSION") or DEFAULT_VERSION)


# ---------------------------------------------------------------------------
# Small process helpers
# ---------------------------------------------------------------------------

def write_out(data):
    """Writes bytes or text to stdout; a reader that went away is not our problem."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        sys.stdout.flush()
        fd = sys.stdout.fileno()
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    except (BrokenPipeError, OSError):
        pass


def write_err(text):
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (BrokenPipeError, OSError):
        pass


def log_invocation(prog, argv, **extra):
    """One JSON line per process in FAKE_LEAN_LOG, so tests can count runs and see the tree."""
    path = os.environ.get("FAKE_LEAN_LOG")
    if not path:
        return
    import json
    record = {"prog": prog, "pid": os.getpid(), "ppid": os.getppid(), "argv": argv}
    try:
        # Inside a sandbox's PID namespace the pids above are that namespace's; this names it.
        record["pidns"] = os.readlink("/proc/self/ns/pid")
    except OSError:
        pass
    record.update(extra)  # may name another process (the grandchild of `hang-child`)
    line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)


def sleep_ms(env_name):
    raw = os.environ.get(env_name)
    if not raw:
        return
    try:
        millis = float(raw)
    except ValueError:
        write_err("fake_lean: %s must be a number of milliseconds: %r\n" % (env_name, raw))
        sys.exit(2)
    if millis > 0:
        import time
        time.sleep(millis / 1000.0)


def sleep_forever():
    import time
    while True:
        time.sleep(3600)


def resolve_program(name, search_path):
    """Looks name up in the child's PATH (posix_spawnp would use ours, without the toolchain)."""
    if "/" in name:
        return name
    for directory in search_path.split(os.pathsep):
        candidate = os.path.join(directory or ".", name)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return name


def spawn_and_wait(argv, env):
    """Runs argv as a child (not exec), so a real process tree exists, and returns its exit code."""
    program = resolve_program(argv[0], env.get("PATH", ""))
    try:
        pid = os.posix_spawn(program, argv, env)
    except OSError as e:
        write_err("error: could not execute external process '%s': %s\n" % (argv[0], e.strerror))
        return 1
    while True:
        try:
            _, status = os.waitpid(pid, 0)
            break
        except ChildProcessError:
            return 1
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


# ---------------------------------------------------------------------------
# Lean source reading
# ---------------------------------------------------------------------------

OPEN_BRACKETS = "([{⦃⟨"
CLOSE_BRACKETS = ")]}⦄⟩"

COMMAND_WORDS = frozenset("""
theorem lemma example def abbrev instance structure class inductive axiom opaque
import open set_option namespace section end variable variables universe
noncomputable private protected partial unsafe nonrec attribute macro macro_rules syntax
notation infix infixl infixr prefix postfix elab elab_rules local scoped mutual deriving
initialize builtin_initialize omit include export alias irreducible_def
""".split())
MODIFIER_WORDS = ("private", "protected", "noncomputable", "nonrec", "partial", "unsafe")
DECL_WORDS = ("theorem", "lemma", "example", "def", "abbrev", "instance", "opaque")
PROOF_WORDS = ("theorem", "lemma", "example")


def is_ident_char(ch):
    return ch.isalnum() or ch in "_'!?."


def blank(chars, start, end):
    for k in range(start, end):
        if chars[k] != "\n":
            chars[k] = " "


def masks(text):
    """Two copies of text with the same offsets: comments blanked, and comments plus strings blanked."""
    n = len(text)
    no_comments = list(text)
    code = list(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch == "-" and text.startswith("--", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            blank(no_comments, i, j)
            blank(code, i, j)
            i = j
        elif ch == "/" and text.startswith("/-", i):
            depth, j = 1, i + 2
            while j < n and depth > 0:
                if text.startswith("/-", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("-/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            blank(no_comments, i, j)
            blank(code, i, j)
            i = j
        elif ch == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            blank(code, i, j)
            i = j
        elif ch == "'" and (i == 0 or not is_ident_char(text[i - 1])):
            # A character literal such as '"' must not open a string.
            if i + 2 < n and text[i + 2] == "'" and text[i + 1] != "\\":
                blank(code, i, i + 3)
                i += 3
            elif i + 3 < n and text[i + 1] == "\\" and text[i + 3] == "'":
                blank(code, i, i + 4)
                i += 4
            else:
                i += 1
        else:
            i += 1
    return "".join(no_comments), "".join(code)


class Source:
    """A Lean file with offset → (line, column in code points) conversion."""

    def __init__(self, text):
        import bisect
        self._bisect = bisect.bisect_right
        self.text = text
        self.no_comments, self.code = masks(text)
        self.line_starts = [0]
        for k, ch in enumerate(text):
            if ch == "\n":
                self.line_starts.append(k + 1)

    def position(self, offset):
        line = self._bisect(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1]

    def column(self, offset):
        return self.position(offset)[1]


def normalize(text):
    return " ".join(text.split())


def strip_by(text):
    text = normalize(text)
    if text == "by":
        return ""
    if text.startswith("by ") or text.startswith("by\t"):
        return text[3:].strip()
    return text


def find_top_level(text, needle, start=0, end=None):
    """Index of needle outside brackets, or -1; `:` never matches the start of `:=`."""
    end = len(text) if end is None else end
    depth = 0
    k = start
    while k < end:
        ch = text[k]
        if ch in OPEN_BRACKETS:
            depth += 1
        elif ch in CLOSE_BRACKETS:
            depth = max(0, depth - 1)
        elif depth == 0 and text.startswith(needle, k):
            if needle == ":" and text.startswith(":=", k):
                k += 2
                continue
            return k
        k += 1
    return -1


def split_top_level(text, separator):
    pieces, depth, last = [], 0, 0
    for k, ch in enumerate(text):
        if ch in OPEN_BRACKETS:
            depth += 1
        elif ch in CLOSE_BRACKETS:
            depth = max(0, depth - 1)
        elif depth == 0 and ch == separator:
            pieces.append(text[last:k])
            last = k + 1
    pieces.append(text[last:])
    return pieces


def matching_bracket(text, start):
    depth = 0
    for k in range(start, len(text)):
        if text[k] in OPEN_BRACKETS:
            depth += 1
        elif text[k] in CLOSE_BRACKETS:
            depth -= 1
            if depth == 0:
                return k
    return -1


def first_word(line):
    if line.startswith("@["):
        return "@["
    k = 0
    while k < len(line) and (is_ident_char(line[k]) or (k == 0 and line[k] == "#")):
        k += 1
    return line[:k]


def command_spans(src):
    """Top-level commands as (start, end) offsets: a command starts at column 0 with a command word."""
    starts = []
    for line_start in src.line_starts:
        line_end = src.code.find("\n", line_start)
        line = src.code[line_start: len(src.code) if line_end < 0 else line_end]
        if not line or line[0].isspace():
            continue
        word = first_word(line)
        if word in COMMAND_WORDS or word == "@[" or word.startswith("#"):
            starts.append(line_start)
    spans = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(src.code)
        spans.append([start, end])
    # A line holding only attributes or modifiers belongs to the declaration below it.
    merged = []
    for span in spans:
        if merged and only_modifiers(src.code[merged[-1][0]:merged[-1][1]]):
            merged[-1][1] = span[1]
        else:
            merged.append(span)
    return [tuple(span) for span in merged]


def skip_modifiers(code, k, end):
    while k < end:
        while k < end and code[k].isspace():
            k += 1
        if code.startswith("@[", k):
            close = matching_bracket(code, k + 1)
            if close < 0:
                return end
            k = close + 1
            continue
        word = first_word(code[k:end])
        if word in MODIFIER_WORDS and not code.startswith("noncomputable section", k):
            k += len(word)
            continue
        return k
    return k


def only_modifiers(command_code):
    return skip_modifiers(command_code, 0, len(command_code)) >= len(command_code.rstrip())


class Declaration:
    """A theorem/lemma/example or other definition, with the offsets the messages need."""

    def __init__(self, keyword, keyword_start, name, name_start, name_end, statement,
                 assign_end, body_start, body_end, by_start):
        self.keyword = keyword
        self.keyword_start = keyword_start
        self.name = name
        self.name_start = name_start
        self.name_end = name_end
        self.statement = statement
        self.assign_end = assign_end
        self.body_start = body_start
        self.body_end = body_end
        self.by_start = by_start
        self.full_name = name

    def is_proof(self):
        return self.keyword in PROOF_WORDS


def qualify(prefix, name):
    """The full name Lean gives `name` declared inside namespace `prefix` (`_root_.` escapes it)."""
    if name.startswith("_root_."):
        return name[len("_root_."):]
    return prefix + "." + name if prefix else name


def parse_declaration(src, start, end):
    code = src.code
    k = skip_modifiers(code, start, end)
    keyword = first_word(code[k:end])
    if keyword not in DECL_WORDS:
        return None
    keyword_start = k
    k += len(keyword)
    name, name_start, name_end = None, keyword_start, keyword_start + len(keyword)
    if keyword != "example":
        j = k
        while j < end and code[j] in " \t\n":
            j += 1
        m = j
        while m < end and not code[m].isspace() and code[m] not in "([{⦃⟨:":
            m += 1
        if m > j:
            name, name_start, name_end = src.text[j:m], j, m
            k = m
    assign = find_top_level(code, ":=", k, end)
    if assign >= 0:
        statement = src.no_comments[k:assign]
        body_start = assign + 2
    else:
        # Equation-style proofs (`| 0 => ...`) have no `:=`; their body starts at the first `|`.
        bar = find_top_level(code, "|", k, end)
        body_start = bar if bar >= 0 else end
        statement = src.no_comments[k:body_start]
        assign = body_start
    body_end = len(code[:end].rstrip())
    if body_end < body_start:
        body_end = body_start
    first = body_start
    while first < body_end and code[first].isspace():
        first += 1
    by_start = None
    if code.startswith("by", first) and (first + 2 >= len(code) or not is_ident_char(code[first + 2])):
        by_start = first
    return Declaration(keyword, keyword_start, name, name_start, name_end, statement,
                       body_start, first, body_end, by_start)


def conclusion_of(statement):
    """The proposition after the binders: `(x : ℝ) (h : 0 < x) : P` → `P`."""
    colon = find_top_level(statement, ":")
    return normalize(statement[colon + 1:]) if colon >= 0 else normalize(statement)


def goal_from_statement(statement):
    """A goal in Lean's layout built from the binders and the conclusion of a statement."""
    s = statement.strip()
    hypotheses = []
    k = 0
    while k < len(s) and s[k] in "([{⦃":
        close = matching_bracket(s, k)
        if close < 0:
            break
        inner = s[k + 1:close]
        opener = s[k]
        if opener == "{" and inner.startswith("{") and inner.endswith("}"):
            inner = inner[1:-1]
        colon = find_top_level(inner, ":")
        if colon >= 0:
            names = inner[:colon].split()
            binder_type = inner[colon + 1:]
            default = find_top_level(binder_type, ":=")
            if default >= 0:
                binder_type = binder_type[:default]
            for name in names:
                hypotheses.append((name, normalize(binder_type)))
        elif opener == "[":
            hypotheses.append(("inst✝", normalize(inner)))
        k = close + 1
        while k < len(s) and s[k].isspace():
            k += 1
    rest = s[k:]
    target = normalize(rest[1:] if rest.startswith(":") else rest)
    lines = []
    for name, binder_type in hypotheses:
        # Lean prints neighbouring hypotheses of the same type on one line: `x y : ℝ`.
        if lines and lines[-1][1] == binder_type:
            lines[-1][0].append(name)
        else:
            lines.append([[name], binder_type])
    text = "".join("%s : %s\n" % (" ".join(names), binder_type) for names, binder_type in lines)
    return text + "⊢ " + target


def tactic_steps(src, decl):
    """Top-level steps of the proof: a line starting at (or left of) the tactic block's column,
    outside brackets, begins a new step. Returns (text without comments, code) pairs."""
    code = src.code
    start = decl.by_start + 2 if decl.by_start is not None else decl.body_start
    end = decl.body_end
    k = start
    while k < end and code[k].isspace():
        k += 1
    if k >= end:
        return []
    base_column = src.column(k)
    starts = [k]
    depth = 0
    at_line_start = False
    for j in range(k, end):
        ch = code[j]
        if ch == "\n":
            at_line_start = True
            continue
        if at_line_start and not ch.isspace():
            at_line_start = False
            if depth == 0 and src.column(j) <= base_column:
                starts.append(j)
        if ch in OPEN_BRACKETS:
            depth += 1
        elif ch in CLOSE_BRACKETS:
            depth = max(0, depth - 1)
    steps = []
    for n, step_start in enumerate(starts):
        step_end = starts[n + 1] if n + 1 < len(starts) else end
        steps.append((src.no_comments[step_start:step_end], code[step_start:step_end]))
    return steps


# ---------------------------------------------------------------------------
# Oracle
# ---------------------------------------------------------------------------

class Oracle:
    """Which proof bodies "work", read from FAKE_LEAN_ORACLE (see README.md)."""

    TOP_KEYS = ("theorems", "propositions")
    THEOREM_KEYS = ("accept", "steps", "goal", "axioms", "delay_ms")

    def __init__(self, data, origin):
        self.theorems = {}
        self.propositions = {}
        if not isinstance(data, dict):
            raise ValueError("%s: the oracle must be a JSON object" % origin)
        for key in data:
            if key not in self.TOP_KEYS:
                raise ValueError("%s: unknown key %r (allowed: %s)" % (origin, key, ", ".join(self.TOP_KEYS)))
        for name, entry in (data.get("theorems") or {}).items():
            if not isinstance(entry, dict):
                raise ValueError("%s: theorems.%s must be an object" % (origin, name))
            for key in entry:
                if key not in self.THEOREM_KEYS:
                    raise ValueError("%s: theorems.%s has unknown key %r (allowed: %s)"
                                     % (origin, name, key, ", ".join(self.THEOREM_KEYS)))
            self.theorems[name] = {
                "accept": self._bodies(entry.get("accept"), origin, name + ".accept"),
                "steps": self._bodies(entry.get("steps"), origin, name + ".steps"),
                "goal": entry.get("goal"),
                "axioms": entry.get("axioms"),
                "delay_ms": entry.get("delay_ms"),
            }
            delay = self.theorems[name]["delay_ms"]
            if delay is not None and (isinstance(delay, bool) or not isinstance(delay, (int, float)) or delay < 0):
                raise ValueError("%s: theorems.%s.delay_ms must be a non-negative number" % (origin, name))
            if self.theorems[name]["goal"] is not None and not isinstance(entry["goal"], str):
                raise ValueError("%s: theorems.%s.goal must be a string" % (origin, name))
            axioms = self.theorems[name]["axioms"]
            if axioms is not None and not (isinstance(axioms, list) and all(isinstance(a, str) for a in axioms)):
                raise ValueError("%s: theorems.%s.axioms must be a list of names" % (origin, name))
        for proposition, bodies in (data.get("propositions") or {}).items():
            self.propositions[normalize(proposition)] = self._bodies(bodies, origin, "propositions." + proposition)

    @staticmethod
    def _bodies(values, origin, where):
        if values is None:
            return frozenset()
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise ValueError("%s: %s must be a list of strings" % (origin, where))
        # Compared as the checker sees a proof: comments removed, whitespace collapsed.
        return frozenset(strip_by(masks(v)[0]) for v in values)

    def entry(self, *names):
        for name in names:
            if name and name in self.theorems:
                return self.theorems[name]
        return None

    def accepted_for(self, proposition):
        return self.propositions.get(normalize(proposition), frozenset())


def load_oracle():
    path = os.environ.get("FAKE_LEAN_ORACLE")
    if not path:
        return Oracle({}, "empty oracle")
    import json
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        return Oracle(data, path)
    except (OSError, ValueError) as e:
        write_err("fake_lean: cannot use FAKE_LEAN_ORACLE=%s: %s\n" % (path, e))
        sys.exit(2)


# ---------------------------------------------------------------------------
# Checking
# ---------------------------------------------------------------------------

class Message:
    def __init__(self, start, end, severity, data, kind, error_name=None):
        self.start = start
        self.end = end
        self.severity = severity
        self.data = data
        self.kind = kind
        self.error_name = error_name


def body_accepted(body, accepted):
    """A body works if it is listed, or is `first | t1 | t2 …` with one listed alternative."""
    body = strip_by(body)
    if not body or not accepted:
        return False
    if body in accepted:
        return True
    if body.startswith("first ") or body.startswith("first|"):
        rest = body[len("first"):].strip()
        if rest.startswith("|"):
            for alternative in split_top_level(rest[1:], "|"):
                alternative = alternative.strip()
                if body_accepted(alternative, accepted):
                    return True
                if alternative.startswith("(") and matching_bracket(alternative, 0) == len(alternative) - 1:
                    if body_accepted(alternative[1:-1], accepted):
                        return True
    return False


class Checker:
    """Turns one Lean file into the messages real Lean would print, as far as the oracle says."""

    def __init__(self, src, oracle, version):
        import re
        self.src = src
        self.oracle = oracle
        self.version = version
        self.sorry_re = re.compile(r"(?<![\w'.!?])(?:sorry|admit)(?![\w'!?])")
        self.native_re = re.compile(r"(?<![\w'.!?])native_decide(?![\w'!?])|\bdecide\s*\+native\b")
        self.print_axioms_re = re.compile(r"#print\s+axioms\s+([^\s]+)")
        self.declared = {}
        self.messages = []
        self.constants = []  # what `lean -o` writes: see write_olean
        self.goals = []  # (start, end, goal) per declaration, for the REPL's sorries

    def check(self):
        namespaces = []
        for start, end in command_spans(self.src):
            code = self.src.code[start:end]
            word = first_word(code)
            if word == "namespace":
                namespaces.append(("namespace", code.split()[1] if len(code.split()) > 1 else ""))
            elif word == "section" or code.startswith("noncomputable section"):
                namespaces.append(("section", ""))
            elif word == "end":
                if namespaces:
                    namespaces.pop()
            elif word == "#print":
                self.print_axioms(start, end, namespaces)
            else:
                decl = parse_declaration(self.src, start, end)
                if decl is not None:
                    self.check_declaration(decl, namespaces)
                    self.record_constant(decl, start, end, namespaces)
                else:
                    self.record_axiom(start, end, namespaces)
        return self.messages

    def prefix(self, namespaces):
        return ".".join(name for kind, name in namespaces if kind == "namespace" and name)

    def check_declaration(self, decl, namespaces):
        prefix = self.prefix(namespaces)
        if decl.name:
            decl.full_name = qualify(prefix, decl.name)
        code = self.src.code[decl.body_start:decl.body_end]
        body = self.src.no_comments[decl.body_start:decl.body_end]
        uses_sorry = self.sorry_re.search(code) is not None
        entry = self.oracle.entry(decl.full_name, decl.name) or {}
        if entry.get("delay_ms"):
            # What checking this theorem costs real Lean (benchmarks draw it per problem).
            import time
            time.sleep(entry["delay_ms"] / 1000.0)
        proposition = conclusion_of(decl.statement)
        accepted = entry.get("accept", frozenset()) | self.oracle.accepted_for(proposition)
        if decl.is_proof():
            works = body_accepted(body, accepted) or self.steps_work(decl, entry)
        else:
            works = True  # definitions are data here; only their `sorry` is reported
        self.goals.append((decl.keyword_start, decl.body_end, entry.get("goal") or goal_from_statement(decl.statement)))
        if not works:
            goal = entry.get("goal") or goal_from_statement(decl.statement)
            start = decl.by_start if decl.by_start is not None else decl.body_start
            self.messages.append(Message(start, max(decl.body_end, start), "error",
                                         "unsolved goals\n" + goal, "Tactic.unsolvedGoals"))
        if uses_sorry:
            # Logged when the declaration is added, after the elaboration errors.
            self.messages.append(Message(decl.name_start, decl.name_end, "warning",
                                         self.version.sorry_warning(), "hasSorry"))
        if decl.full_name:
            axioms = self.axioms_of(decl, entry, body, code, works, uses_sorry)
            # As Lean's collectAxioms: a declaration depends on the axioms of every constant it uses.
            for used in self.referenced(body, prefix):
                for axiom in self.declared[used]:
                    if axiom not in axioms:
                        if axiom == "sorryAx":
                            axioms.insert(min(1, len(axioms)), axiom)
                        else:
                            axioms.append(axiom)
            self.declared[decl.full_name] = axioms

    def referenced(self, body, prefix):
        """Names declared earlier in the file that `body` mentions, resolved as `#print axioms` resolves them."""
        import re
        found = []
        for m in re.finditer(r"(?<![\w'.!?])[^\W\d][\w'.!?]*", body):
            for name in self.resolutions(m.group(0).rstrip("."), prefix):
                if name in self.declared and name not in found:
                    found.append(name)
                    break
        return found

    def resolutions(self, written, prefix):
        """The full names `written` may mean inside namespace `prefix`, in Lean's order: `_root_.X` means X only."""
        if written.startswith("_root_."):
            return [written[len("_root_."):]]
        parts = prefix.split(".") if prefix else []
        return [".".join(parts[:k] + [written]) for k in range(len(parts), -1, -1)]

    def resolve(self, text, namespaces):
        """The constants of this file that identifiers in text name, as Lean resolves them in scope:
        the innermost namespace first. Identifiers naming nothing here are left to the imports."""
        import re
        prefix = self.prefix(namespaces)
        refs = []
        for token in re.findall(r"[A-Za-z_\u0370-\u03ff][\w.'!?\u2080-\u2089]*", text):
            parts = prefix.split(".") if prefix else []
            for k in range(len(parts), -1, -1):
                name = ".".join(parts[:k] + [token])
                if name in self.known:
                    refs.append(name)
                    break
        return sorted(set(refs))

    @property
    def known(self):
        return {c["name"] for c in self.constants}

    def record_constant(self, decl, start, end, namespaces):
        """One constant as real Lean adds it: examples add none; `lemma` is a theorem."""
        if decl.keyword == "example" or not decl.name:
            return
        kind = "theorem" if decl.is_proof() else "def"
        statement = normalize(decl.statement)
        value = normalize(self.src.no_comments[decl.body_start:decl.body_end])
        axioms = self.declared.get(decl.full_name, [])
        if not decl.is_proof() and self.sorry_re.search(self.src.code[decl.body_start:decl.body_end]):
            axioms = ["sorryAx"]
        self.constants.append({
            "name": decl.full_name, "kind": kind, "statement": statement,
            "statementRefs": self.resolve(statement, namespaces),
            "value": value, "valueRefs": self.resolve(value, namespaces),
            "axioms": axioms,
            "kernelValid": "kernel-reject" not in markers_in_any(self.src.text[start:end]),
        })

    def record_axiom(self, start, end, namespaces):
        import re
        m = re.match(r"\s*(?:@\[[^\]]*\]\s*)?(?:(?:private|protected|noncomputable|unsafe)\s+)*axiom\s+([^\s:({\[]+)(.*)",
                     self.src.code[start:end], re.S)
        if not m:
            return
        prefix = self.prefix(namespaces)
        name = prefix + "." + m.group(1) if prefix else m.group(1)
        statement = normalize(m.group(2))
        self.constants.append({"name": name, "kind": "axiom", "statement": statement,
                               "statementRefs": self.resolve(statement, namespaces),
                               "value": "", "valueRefs": [], "axioms": [name], "kernelValid": True})
        self.declared[name] = [name]

    def goal_at(self, offset):
        for start, end, goal in self.goals:
            if start <= offset <= end:
                return goal
        return "⊢ ?"

    def steps_work(self, decl, entry):
        """A sketch works when every step is `sorry` or listed: haves by proposition, others in `steps`."""
        steps = tactic_steps(self.src, decl)
        if not steps:
            return False
        listed_steps = entry.get("steps", frozenset())
        for text, code in steps:
            if self.sorry_re.search(code):
                continue
            if body_accepted(text, listed_steps):
                continue
            step = normalize(text)
            if not (step.startswith("have ") or step.startswith("obtain ")):
                return False
            assign = find_top_level(step, ":=")
            if assign < 0:
                return False
            head, value = step[:assign], step[assign + 2:]
            colon = find_top_level(head, ":")
            if colon < 0 or not body_accepted(value, self.oracle.accepted_for(head[colon + 1:])):
                return False
        return True

    def axioms_of(self, decl, entry, body, code, works, uses_sorry):
        base = entry.get("axioms")
        if base is None:
            base = STANDARD_AXIOMS if decl.is_proof() else []
        axioms = list(base)
        only = strip_by(body)
        native_uses = len(self.native_re.findall(code))
        if native_uses:
            if self.version.per_use_native_axioms():
                native = ["%s._native.native_decide.ax_%d" % (decl.full_name, n + 1) for n in range(native_uses)]
            else:
                native = ["Lean.ofReduceBool", "Lean.trustCompiler"]
            axioms = native if only == "native_decide" else axioms + native
        if only in ("sorry", "admit"):
            return ["sorryAx"]
        if uses_sorry or not works:
            axioms.insert(min(1, len(axioms)), "sorryAx")
        return axioms

    def print_axioms(self, start, end, namespaces):
        m = self.print_axioms_re.match(self.src.code, start)
        if not m:
            # `#print "text"` prints the text as an information message, as real Lean does.
            text = self.src.text[start:end].strip()
            literal = text[len("#print"):].strip()
            if literal.startswith('"') and literal.endswith('"') and len(literal) >= 2:
                import json
                try:
                    shown = json.loads(literal)
                except ValueError:
                    shown = literal[1:-1]
                self.messages.append(Message(start, start + len("#print"), "information", shown, "[anonymous]"))
            return
        written = m.group(1)
        prefix = self.prefix(namespaces)
        candidates = self.resolutions(written, prefix)
        for name in candidates:
            if name in self.declared:
                self.messages.append(self.axioms_message(start, name, self.declared[name]))
                return
        entry = self.oracle.entry(*candidates)
        if entry and entry.get("axioms") is not None:
            self.messages.append(self.axioms_message(start, candidates[-1], entry["axioms"]))
            return
        ident_start = m.start(1)
        ident_end = m.end(1)
        if self.version.named_errors():
            self.messages.append(Message(ident_start, ident_end, "error", "Unknown constant `%s`" % written,
                                         "lean.unknownConstant._namedError", "lean.unknownConstant"))
        else:
            self.messages.append(Message(ident_start, ident_end, "error", "unknown constant '%s'" % written,
                                         "[anonymous]"))

    def axioms_message(self, start, name, axioms):
        if axioms:
            data = "'%s' depends on axioms: [%s]" % (name, ", ".join(axioms))
        else:
            data = "'%s' does not depend on any axioms" % name
        # As in the captured --json lines: the range covers the `#print` keyword.
        return Message(start, start + len("#print"), "information", data, "[anonymous]")


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------

def render_json(messages, src, file_name, version):
    import json
    lines = []
    for msg in messages:
        line, column = src.position(msg.start)
        end_line, end_column = src.position(msg.end)
        obj = {
            "caption": "",
            "data": msg.data,
            "endPos": {"column": end_column, "line": end_line},
            "fileName": file_name,
            "isSilent": False,
            "keepFullRange": False,
        }
        if version.has_kind():
            obj["kind"] = msg.kind
        obj["pos"] = {"column": column, "line": line}
        obj["severity"] = msg.severity
        lines.append(json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n")
    return "".join(lines)


def render_plain(messages, src, file_name, end_pos):
    out = []
    for msg in messages:
        text = msg.data if msg.data.endswith("\n") else msg.data + "\n"
        if msg.severity == "information":
            out.append(text)  # information messages are printed bare
            continue
        line, column = src.position(msg.start)
        where = "%s:%d:%d" % (file_name, line, column)
        if end_pos:
            end_line, end_column = src.position(msg.end)
            where += "-%d:%d" % (end_line, end_column)
        label = msg.severity + ("(%s)" % msg.error_name if msg.error_name else "")
        out.append("%s: %s: %s" % (where, label, text))
    return "".join(out)


# ---------------------------------------------------------------------------
# Fault markers
# ---------------------------------------------------------------------------

def markers_in(text):
    import re
    return set(re.findall(r"FAKE_LEAN:\s*([A-Za-z-]+)", text)) & set(MARKERS)


def printed(text, file_name):
    """What checked code printing to stdout would add (`IO.println` run while elaborating): each
    `FAKE_LEAN: print TEXT` line's TEXT, `{file}` replaced by the file name as passed."""
    import re
    for m in re.finditer(r"FAKE_LEAN:\s*print (.*)", text):
        write_out((m.group(1).replace("{file}", file_name) + "\n").encode("utf-8"))


CHECKER_MARKERS = ("kernel-reject", "checker-crash", "checker-hang")


def markers_in_any(text):
    import re
    return set(re.findall(r"FAKE_LEAN:\s*([A-Za-z-]+)", text))


def write_olean(path, src, checker):
    """A stand-in .olean: JSON with the module's imports and constants (README, "`lean -o`")."""
    import json
    imports = [line.split()[1] for line in src.code.split("\n") if line.startswith("import ") and len(line.split()) > 1]
    fault = [m for m in ("checker-crash", "checker-hang") if m in markers_in_any(src.text)]
    data = {"fakeOlean": 1, "imports": imports, "constants": checker.constants, "checkerFault": fault[0] if fault else ""}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)


def crash():
    write_err("terminate called after throwing an instance of 'std::bad_alloc'\n  what():  std::bad_alloc\n")
    try:
        import resource
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        pass
    os.abort()


def garbage():
    noise = os.urandom(4096)
    write_out(b'{"caption":"","data":"\xff\xfe\xc3\x28' + noise + b"\n\x80\x81 not json at all \xc0\xc1\n")
    sys.exit(1)


def eat_memory():
    """Grows resident memory in steps, touching every page, then holds it until killed."""
    import time
    target_mb = int(os.environ.get("FAKE_LEAN_EAT_MB") or "2048")
    step_mb = 64
    held = []
    eaten = 0
    while eaten < target_mb:
        size = min(step_mb, target_mb - eaten) * 1024 * 1024
        block = bytearray(size)
        block[::4096] = b"\x01" * len(range(0, size, 4096))
        held.append(block)
        eaten += size // (1024 * 1024)
        time.sleep(0.1)
    sleep_forever()


def hang_child():
    """Leaves a grandchild `sleep` behind: killing only the direct child would orphan it."""
    argv = ["sleep", "1000000"]
    pid = os.posix_spawn(resolve_program("sleep", os.environ.get("PATH", "/bin:/usr/bin")), argv, dict(os.environ))
    log_invocation("sleep", argv, pid=pid, ppid=os.getpid())
    sleep_forever()


def huge_output(src, file_name, json_mode, version, marker_offset):
    """About 20 MB of real-looking information messages, as a runaway `#eval` would print."""
    filler = "huge-output " + "x" * 1000
    messages = [Message(marker_offset, marker_offset, "information", filler, "[anonymous]")]
    if json_mode:
        one = render_json(messages, src, file_name, version)
    else:
        one = render_plain(messages, src, file_name, False)
    write_out(one * (20 * 1024 * 1024 // len(one.encode("utf-8"))))


# ---------------------------------------------------------------------------
# Escape markers: what a malicious proof would try, for the sandbox tests
# ---------------------------------------------------------------------------

ESCAPE_MARKER = r"FAKE_LEAN:\s*(escape-[a-z]+)[ \t]+(\S+)"


def attempt_escapes(text):
    """Tries each `escape-…` marker's attack; its outcome is an information message at the marker."""
    import re
    messages = []
    for m in re.finditer(ESCAPE_MARKER, text):
        action, arg = m.group(1), m.group(2)
        attack = ESCAPES.get(action)
        if attack is None:
            continue
        try:
            outcome = attack(arg)
        except Exception as e:  # the failure is the point: report it, never crash
            outcome = "failed: %s: %s" % (type(e).__name__, e)
        messages.append(Message(m.start(), m.end(), "information", "%s %s: %s" % (action, arg, outcome),
                                "[anonymous]"))
    return messages


def escape_write(path):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w") as f:
        f.write("escaped\n")
    return "wrote"


def escape_read(path):
    with open(path, errors="replace") as f:
        return "read: " + f.read(300).replace("\n", " | ")


def escape_connect(port):
    import socket
    with socket.create_connection(("127.0.0.1", int(port)), timeout=2) as s:
        s.sendall(b"escaped\n")
    return "connected"


def escape_fork(token):
    """Leaves a detached process (its argv names the token) whose parent exits at once: an orphan."""
    child = os.fork()
    if child == 0:
        try:
            os.setsid()
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)  # a daemon lets go of the runner's pipes
            if os.fork() == 0:
                python = sys.executable or "/usr/bin/python3"
                os.execv(python, [python, "-S", "-E", "-c", "import time; time.sleep(120)", token])
        finally:
            os._exit(0)
    os.waitpid(child, 0)
    return "forked"


def escape_environ(name):
    """Looks for the variable in this process's environment and in every readable /proc/PID/environ."""
    found = set()
    if name in os.environ:
        found.add(os.environ[name])
    looked = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/environ" % entry, "rb") as f:
                raw = f.read()
        except OSError:
            continue
        looked += 1
        for item in raw.split(b"\0"):
            key, _, value = item.partition(b"=")
            if key.decode("utf-8", "replace") == name:
                found.add(value.decode("utf-8", "replace"))
    if not found:
        return "not found in %d processes" % looked
    return "found " + ", ".join(sorted(found))


ESCAPES = {
    "escape-write": escape_write,
    "escape-read": escape_read,
    "escape-connect": escape_connect,
    "escape-fork": escape_fork,
    "escape-environ": escape_environ,
}


# ---------------------------------------------------------------------------
# lean
# ---------------------------------------------------------------------------

LEAN_OPTIONS_WITH_VALUE = ("-M", "-T", "-j", "-o", "-i", "-c", "-b", "--memory", "--timeout",
                           "--threads", "--root", "--plugin", "--load-dynlib", "--setup")


def lean_main(argv):
    version = current_version()
    json_mode = False
    options = {}
    files = []
    olean_out = None
    k = 0
    while k < len(argv):
        arg = argv[k]
        if arg in ("--version", "-v"):
            write_out(version.lean_version_line() + "\n")
            return 0
        if arg in ("--help", "-h"):
            write_out("Lean (version %s)\nusage: lean [options] <input file>\n" % version.text)
            return 0
        if arg == "--json":
            json_mode = True
        elif arg == "-D" and k + 1 < len(argv):
            k += 1
            set_option(options, argv[k])
        elif arg.startswith("-D"):
            set_option(options, arg[2:])
        elif arg == "-o" and k + 1 < len(argv):
            k += 1
            olean_out = argv[k]
        elif arg in LEAN_OPTIONS_WITH_VALUE:
            k += 1
        elif arg.startswith("-") and arg != "-":
            pass  # other flags (`--memory=N`, `-E`, ...) change nothing here
        else:
            files.append(arg)
        k += 1
    if not files:
        write_err("lean: no input file given\nusage: lean [options] <input file>\n")
        return 1
    file_name = files[0]
    try:
        with open(file_name, "rb") as f:
            raw = f.read()
    except OSError as e:
        write_err("no such file or directory (error code: %d)\n  file: %s\n" % (e.errno or 2, file_name))
        return 1
    text = raw.decode("utf-8", errors="replace")
    markers = markers_in(text)
    if "hang" in markers:
        import signal
        # Only SIGKILL ends it: the runner must escalate, and kill the whole tree.
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    log_invocation("lean", ["lean"] + argv, markers=sorted(markers))
    oracle = load_oracle()
    sleep_ms("FAKE_LEAN_IMPORT_MS")
    sleep_ms("FAKE_LEAN_DELAY_MS")
    escapes = attempt_escapes(text)  # before the faults, so an escape and a `hang` combine
    act_on_markers(markers)
    src = Source(text)
    if "huge-output" in markers:
        huge_output(src, file_name, json_mode, version, text.find("FAKE_LEAN:"))
    if "print" in markers:
        printed(text, file_name)
    checker = Checker(src, oracle, version)
    messages = escapes + checker.check()
    has_errors = any(m.severity == "error" for m in messages)
    if olean_out and not has_errors:
        # As real Lean: no .olean for a file with errors (Frontend: `if hasErrors then return none`).
        write_olean(olean_out, src, checker)
    if json_mode:
        write_out(render_json(messages, src, file_name, version))
    else:
        end_pos = options.get("printMessageEndPos", "false") == "true"
        write_out(render_plain(messages, src, file_name, end_pos))
    return 1 if any(m.severity == "error" for m in messages) else 0


def set_option(options, assignment):
    name, _, value = assignment.partition("=")
    options[name.strip()] = value.strip()



# ---------------------------------------------------------------------------
# repl (leanprover-community/repl's protocol)
# ---------------------------------------------------------------------------

REPL_SEVERITY = {"information": "info", "warning": "warning", "error": "error"}


def repl_pretty(value, indent=0, width=80):
    """Pretty JSON in the REPL's layout: short values on one line, keys in descending order,
    a long value moved to the line after its key (`"data":\n   "..."`)."""
    import json
    compact = json.dumps(value, ensure_ascii=False, separators=(", ", ": "), sort_keys=False)
    if isinstance(value, dict):
        value = dict(sorted(value.items(), reverse=True))
        compact = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    if indent + len(compact) <= width or not isinstance(value, (dict, list)) or not value:
        return compact
    pad = " " * (indent + 1)
    if isinstance(value, list):
        return "[" + (",\n" + pad).join(repl_pretty(v, indent + 1, width) for v in value) + "]"
    parts = []
    for key, item in value.items():
        head = json.dumps(key, ensure_ascii=False) + ":"
        one = repl_pretty(item, indent + 1 + len(head) + 1, width)
        if isinstance(item, str) and indent + 1 + len(head) + 1 + len(one) > width:
            parts.append(head + "\n" + " " * (indent + 3) + one)
        elif isinstance(item, (dict, list)) and "\n" in one:
            parts.append(head + "\n" + pad + repl_pretty(item, indent + 1, width))
        else:
            parts.append(head + " " + one)
    return "{" + (",\n" + pad).join(parts) + "}"


def repl_answer(obj):
    write_out(repl_pretty(obj) + "\n\n")


def repl_blocks(stream):
    """Commands as the REPL reads them: blocks separated by an empty line, the block's lines
    joined after trimming their ends; the last block may end at EOF."""
    block = []
    for raw in stream:
        line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        if line.strip() == "":
            if block:
                yield "".join(block)
                block = []
            continue
        block.append(line.rstrip())
    if block:
        yield "".join(block)


class ReplSession:
    """One REPL process: environments are the texts run so far; a command with `env` n is checked
    as the text of n followed by the command, and answers only for what the command adds."""

    def __init__(self, oracle, version):
        self.oracle = oracle
        self.version = version
        self.envs = []
        self.imported = False
        self.proof_states = 0

    def run(self, request):
        if "cmd" not in request:
            return {"message": "the stand-in REPL runs commands only; tactic mode is not modelled"}
        text = request["cmd"]
        if not isinstance(text, str):
            return {"message": "Lean error:\ncmd must be a string"}
        env = request.get("env")
        if env is None:
            if not self.imported:
                self.imported = True
                sleep_ms("FAKE_LEAN_IMPORT_MS")
            prefix = ""
        else:
            if not isinstance(env, int) or env < 0 or env >= len(self.envs):
                return {"message": "Unknown environment."}
            sleep_ms("FAKE_LEAN_DELAY_MS")
            prefix = self.envs[env]
            if prefix and not prefix.endswith("\n"):
                prefix += "\n"
        act_on_markers(markers_in(text))
        whole = Source(prefix + text)
        own = Source(text)
        base = len(prefix)
        checker = Checker(whole, self.oracle, self.version)
        answer = {}
        messages = []
        for msg in checker.check():
            if msg.start < base:
                continue
            line, column = own.position(msg.start - base)
            end_line, end_column = own.position(max(msg.end, msg.start) - base)
            messages.append({"severity": REPL_SEVERITY[msg.severity],
                             "pos": {"line": line, "column": column},
                             "endPos": {"line": end_line, "column": end_column},
                             "data": msg.data.strip()})
        sorries = []
        for m in checker.sorry_re.finditer(whole.code, base):
            line, column = own.position(m.start() - base)
            end_line, end_column = own.position(m.end() - base)
            sorries.append({"proofState": self.proof_states,
                            "pos": {"line": line, "column": column},
                            "goal": checker.goal_at(m.start()),
                            "endPos": {"line": end_line, "column": end_column}})
            self.proof_states += 1
        if sorries:
            answer["sorries"] = sorries
        if messages:
            answer["messages"] = messages
        self.envs.append(prefix + text)
        answer["env"] = len(self.envs) - 1
        return answer


def act_on_markers(markers):
    """The fault markers, the same in file and REPL mode; a `hang` ends only with SIGKILL."""
    if "hang" in markers:
        import signal
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        sleep_forever()
    if "hang-child" in markers:
        hang_child()
    if "crash" in markers:
        crash()
    if "garbage" in markers:
        garbage()
    if "eat-memory" in markers:
        eat_memory()


def repl_main(argv):
    import json
    version = current_version()
    log_invocation("repl", ["repl"] + argv)
    oracle = load_oracle()
    session = ReplSession(oracle, version)
    stdin = sys.stdin.buffer
    for block in repl_blocks(iter(stdin.readline, b"")):
        try:
            request = json.loads(block)
        except ValueError as e:
            repl_answer({"message": "Could not parse JSON:\n%s" % e})
            continue
        if not isinstance(request, dict):
            repl_answer({"message": "Could not parse as a valid JSON command"})
            continue
        repl_answer(session.run(request))
    return 0


# ---------------------------------------------------------------------------
# lake
# ---------------------------------------------------------------------------

def lake_env():
    env = dict(os.environ)
    root = os.getcwd()
    env["PATH"] = BIN_DIR + os.pathsep + env.get("PATH", "")
    env["LAKE"] = os.path.join(BIN_DIR, "lake")
    env["LAKE_HOME"] = HERE
    env["LEAN_SYSROOT"] = HERE
    env["LEAN"] = os.path.join(BIN_DIR, "lean")
    env["LEAN_PATH"] = os.path.join(root, ".lake", "build", "lib", "lean")
    env["LEAN_SRC_PATH"] = root
    return env


def fetch_dependencies():
    # Real Lake clones required packages into .lake/packages on first use; callers test for it.
    if os.path.isfile("lakefile.toml") or os.path.isfile("lakefile.lean"):
        os.makedirs(os.path.join(".lake", "packages", "mathlib"), exist_ok=True)


CHECKER_NAME = "leanprove-checker"


def lake_build_checker():
    """`lake build leanprove-checker`: puts a script running this stand-in's checker mode where Lake
    puts the executable (.lake/build/bin)."""
    if os.environ.get("FAKE_LAKE_CHECKER_FAIL") == "1":
        write_out("✖ [2/3] Building LeanproveChecker.Main\n"
                  "error: LeanproveChecker/Main.lean:140:4: unknown identifier 'Environment.replay'\n"
                  "Some required builds logged failures:\n- LeanproveChecker.Main\n")
        write_err("error: build failed\n")
        return 1
    fetch_dependencies()
    bin_dir = os.path.join(".lake", "build", "bin")
    os.makedirs(bin_dir, exist_ok=True)
    target = os.path.join(bin_dir, CHECKER_NAME)
    python = sys.executable or "python3"
    with open(target, "w", encoding="utf-8") as f:
        f.write("#!/bin/sh\nexec '%s' '%s' checker \"$@\"\n" % (python, os.path.abspath(__file__)))
    os.chmod(target, 0o755)
    write_out("✔ [1/2] Built LeanproveChecker.Main\n✔ [2/2] Built leanprove-checker\n"
              "Build completed successfully (2 jobs).\n")
    return 0


def lake_build(targets=()):
    if CHECKER_NAME in targets:
        return lake_build_checker()
    if os.environ.get("FAKE_LAKE_BUILD_FAIL") == "1":
        write_out("✖ [2/3] Building Main\n"
                  "error: Main.lean:1:0: unknown module prefix 'Mathlib'\n"
                  "error: Lean exited with code 1\n"
                  "Some required builds logged failures:\n"
                  "- Main\n")
        write_err("error: build failed\n")
        return 1
    fetch_dependencies()
    build_repl()
    write_out("✔ [1/3] Built Mathlib (cached)\n"
              "✔ [2/3] Built Main\n"
              "Build completed successfully (3 jobs).\n")
    return 0


REPL_BINARY = os.path.join(".lake", "packages", "REPL", ".lake", "build", "bin", "repl")


def build_repl():
    """Where the lakefile requires leanprover-community/repl, `lake build` leaves its binary where
    Lake would: here a script that runs this stand-in's REPL mode."""
    try:
        with open("lakefile.toml", encoding="utf-8") as f:
            if 'name = "REPL"' not in f.read():
                return
    except OSError:
        return
    os.makedirs(os.path.dirname(REPL_BINARY), exist_ok=True)
    with open(REPL_BINARY, "w", encoding="utf-8") as f:
        f.write("#!/bin/sh\nexec '%s' \"$@\"\n" % os.path.join(BIN_DIR, "repl"))
    os.chmod(REPL_BINARY, 0o755)


def lake_cache_get():
    if os.environ.get("FAKE_LAKE_OFFLINE") == "1":
        write_err("curl: (6) Could not resolve host: lakecache.blob.core.windows.net\n"
                  "uncaught exception: failed to download file(s) from the Mathlib cache\n")
        return 1
    fetch_dependencies()
    write_out("Attempting to download 7123 file(s) from leanprover-community/mathlib4 cache\n"
              "Downloaded: 7123 file(s) [attempted 7123/7123 = 100%] (100% success)\n"
              "Decompressing 7123 file(s)\n"
              "Unpacked in 1234 ms\n"
              "Completed successfully!\n")
    return 0


LAKE_OPTIONS_WITH_VALUE = ("-d", "--dir", "-f", "--file", "-K", "--log-level")


def lake_main(argv):
    version = current_version()
    k = 0
    while k < len(argv) and argv[k].startswith("-"):
        arg = argv[k]
        if arg in ("--version", "-V"):
            log_invocation("lake", ["lake"] + argv)
            write_out(version.lake_version_line() + "\n")
            return 0
        if arg in ("--help", "-h"):
            write_out("Lake version 5.0.0 (stand-in)\nUSAGE:\n  lake [OPTIONS] <COMMAND>\n")
            return 0
        if arg in ("-d", "--dir") and k + 1 < len(argv):
            os.chdir(argv[k + 1])
            k += 1
        elif arg.startswith("--dir="):
            os.chdir(arg[len("--dir="):])
        elif arg in LAKE_OPTIONS_WITH_VALUE:
            k += 1
        k += 1
    log_invocation("lake", ["lake"] + argv)
    if k >= len(argv):
        write_err("error: no command given; try `lake --help`\n")
        return 1
    command, rest = argv[k], argv[k + 1:]
    if command == "env":
        env = lake_env()
        if not rest:
            write_out("".join("%s=%s\n" % (key, env[key]) for key in
                              ("LAKE", "LAKE_HOME", "LEAN", "LEAN_SYSROOT", "LEAN_PATH", "LEAN_SRC_PATH", "PATH")))
            return 0
        return spawn_and_wait(rest, env)
    if command == "lean":
        return spawn_and_wait(["lean"] + rest, lake_env())
    if command == "build":
        return lake_build(rest)
    if command == "exe":
        if rest[:1] == ["cache"] and rest[1:2] in (["get"], ["get!"]):
            return lake_cache_get()
        write_err("error: unknown executable '%s'\n" % (rest[0] if rest else ""))
        return 1
    if command in ("update", "clean"):
        return 0
    write_err("error: unknown command '%s'\n" % command)
    return 1


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in ("lake", "lean", "checker", "repl"):
        write_err("usage: fake_lean.py (lake|lean|checker|repl) ARGS...\n")
        return 2
    if sys.argv[1] == "checker":
        sys.dont_write_bytecode = True  # no __pycache__ in the source tree
        import fake_checker  # loaded only here, so `lean` starts as fast as before
        return fake_checker.checker_main(sys.argv[2:])
    if sys.argv[1] == "lake":
        return lake_main(sys.argv[2:])
    if sys.argv[1] == "repl":
        return repl_main(sys.argv[2:])
    return lean_main(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
