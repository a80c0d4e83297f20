"""Stand-in for leanprove's kernel-replay checker (workspace-template/LeanproveChecker/Main.lean).

Started as `python3 fake_lean.py checker` by the script `lake build leanprove-checker` writes. It reads
the stand-in .olean files `lean -o` writes and decides as real Lean's kernel replay would, never more
leniently (README.md next to this file, "leanprove-checker").
"""

import sys

from fake_lean import crash, log_invocation, sleep_forever, sleep_ms, write_out


def read_olean(path):
    import json
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data, dict) or data.get("fakeOlean") != 1:
        raise ValueError("%s is not an .olean file" % path)
    return data


def statement_deps(chal, names):
    """Challenge constants a statement reaches: through statements and definition values, never proofs."""
    seen, todo = set(), list(names)
    while todo:
        n = todo.pop()
        if n in seen or n not in chal:
            continue
        seen.add(n)
        c = chal[n]
        todo.extend(c["statementRefs"])
        if c["kind"] != "theorem":
            todo.extend(c["valueRefs"])
    return seen


def same_meaning(a, b):
    if a["kind"] != b["kind"] or a["statement"] != b["statement"] or a["statementRefs"] != b["statementRefs"]:
        return False
    return a["kind"] == "theorem" or (a["value"] == b["value"] and a["valueRefs"] == b["valueRefs"])


def collected_axioms(cand, name):
    """Axioms of name and everything its statement and proof reach in the replayed module."""
    seen, todo, axioms = set(), [name], []
    while todo:
        n = todo.pop()
        if n in seen or n not in cand:
            continue
        seen.add(n)
        c = cand[n]
        for a in c["axioms"]:
            if a not in axioms:
                axioms.append(a)
        todo.extend(c["statementRefs"] + c["valueRefs"])
    return axioms


def judge_target(chal, cand, allowed, target):
    def refuse(reason, detail):
        return {"name": target, "ok": False, "axioms": [], "reason": reason, "detail": detail}
    if target not in chal:
        return refuse("missing-in-challenge", "the challenge has no constant %s" % target)
    if target not in cand:
        return refuse("missing-target", "the candidate declares no %s" % target)
    c, k = chal[target], cand[target]
    if k["kind"] != "theorem":
        return refuse("not-a-theorem", "%s is not a theorem in the candidate" % target)
    if k["statement"] != c["statement"] or k["statementRefs"] != c["statementRefs"]:
        return refuse("type-mismatch", "the type of %s differs from the challenge's" % target)
    for d in sorted(statement_deps(chal, c["statementRefs"])):
        if d not in cand or not same_meaning(chal[d], cand[d]):
            return refuse("dependency-changed", "%s, which the statement of %s uses, differs from the challenge's" % (d, target))
    axioms = collected_axioms(cand, target)
    result = {"name": target, "ok": True, "axioms": axioms, "reason": "", "detail": ""}
    if "sorryAx" in axioms:
        result.update(ok=False, reason="uses-sorry", detail="%s depends on sorryAx" % target)
    elif any(a not in allowed for a in axioms):
        result.update(ok=False, reason="bad-axiom", detail="%s depends on %s" % (target, [a for a in axioms if a not in allowed]))
    return result


def check_request(req):
    targets = req["targets"]
    def every(reason, detail):
        return [{"name": t, "ok": False, "axioms": [], "reason": reason, "detail": detail} for t in targets]
    try:
        chal_mod, cand_mod = read_olean(req["challenge"]), read_olean(req["candidate"])
    except (OSError, ValueError) as e:
        return every("unreadable", str(e))
    if cand_mod.get("checkerFault") == "checker-crash":
        crash()
    if cand_mod.get("checkerFault") == "checker-hang":
        sleep_forever()
    if chal_mod["imports"] != cand_mod["imports"]:
        return every("imports-differ", "imports %s are not the challenge's %s" % (cand_mod["imports"], chal_mod["imports"]))
    rejected = [c["name"] for c in cand_mod["constants"] if not c.get("kernelValid", True)]
    if rejected:
        return every("replay-failed", "the kernel rejected the candidate: (kernel) declaration %s" % rejected[0])
    chal = {c["name"]: c for c in chal_mod["constants"]}
    cand = {c["name"]: c for c in cand_mod["constants"]}
    allowed = set(req["allowedAxioms"])
    return [judge_target(chal, cand, allowed, t) for t in targets]


def checker_main(argv):
    """One JSON request per stdin line, one JSON answer per line; ends at end of input."""
    import json
    log_invocation("checker", ["leanprove-checker"] + argv)
    sleep_ms("FAKE_LEAN_IMPORT_MS")  # the Mathlib import a warm checker pays once
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            req = json.loads(line)
            for key in ("challenge", "candidate", "targets", "allowedAxioms"):
                if key not in req:
                    raise ValueError("missing field %s" % key)
        except ValueError as e:
            write_out(json.dumps({"error": "bad request: %s" % e, "results": []}) + "\n")
            continue
        log_invocation("checker-request", ["leanprove-checker"], targets=req["targets"])
        results = check_request(req)
        write_out(json.dumps({"id": req.get("id"), "error": "", "results": results}, ensure_ascii=False) + "\n")
    return 0


