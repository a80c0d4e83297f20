/-
leanprove-checker: the second stage of a leanprove verdict (README, "What PROVED means").

It decides whether a candidate proves the challenge's theorems while running none of the
candidate's code: both modules are read as data (`readModuleData`), the candidate's constants are
sent through the kernel again on top of the imported base (`Environment.replay`), each target
must be a theorem whose type is the challenge's, and the axioms come from the replayed constants.

One long-lived process serves many checks. Protocol, one JSON object per line each way:
  request : {"id": 7, "challenge": "C.olean", "candidate": "K.olean",
             "targets": ["Foo.bar"], "allowedAxioms": ["propext", "Classical.choice", "Quot.sound"]}
  result  : {"id": 7, "error": "", "results": [{"name": "Foo.bar", "ok": true,
             "axioms": ["propext"], "reason": "", "detail": ""}]}
A reason is one of: replay-failed, imports-differ, missing-target, missing-in-challenge,
not-a-theorem, type-mismatch, dependency-changed, uses-sorry, bad-axiom, unreadable.
Written against Lean v4.24.0 (the version the workspace pins); sources named in the comments.
-/
import Lean

open Lean

namespace LeanproveChecker

/-- One check, as the Java side (`KernelReplay`) sends it. -/
structure Request where
  id : Option Nat := none
  challenge : String
  candidate : String
  targets : Array String
  allowedAxioms : Array String
  deriving FromJson

/-- The verdict on one target. -/
structure Outcome where
  name : String
  ok : Bool
  axioms : Array String := #[]
  reason : String := ""
  detail : String := ""
  deriving ToJson

def refuse (name reason detail : String) : Outcome := { name, ok := false, reason, detail }

/-- Import names of a module; `ModuleData.imports : Array Import` (src/Lean/Environment.lean). -/
def importNames (m : ModuleData) : Array Name := m.imports.map (·.module)

/-- The module's own constants by name; `constNames`/`constants` are parallel arrays (src/Lean/Environment.lean). -/
def constantMap (m : ModuleData) : Std.HashMap Name ConstantInfo := Id.run do
  let mut map := {}
  for n in m.constNames, ci in m.constants do
    map := map.insert n ci
  return map

/--
Whether two constants mean the same thing for a statement that mentions them: same kind, level
parameters and type, and for definitions the same value. A theorem's proof is irrelevant.
-/
def sameMeaning : ConstantInfo → ConstantInfo → Bool
  | .defnInfo a, .defnInfo b => a.type == b.type && a.levelParams == b.levelParams && a.value == b.value && a.safety == b.safety
  | .opaqueInfo a, .opaqueInfo b => a.type == b.type && a.levelParams == b.levelParams && a.value == b.value
  | .thmInfo a, .thmInfo b => a.type == b.type && a.levelParams == b.levelParams
  | .axiomInfo a, .axiomInfo b => a.type == b.type && a.levelParams == b.levelParams
  | .inductInfo a, .inductInfo b =>
    a.type == b.type && a.levelParams == b.levelParams && a.ctors == b.ctors && a.numParams == b.numParams
      && a.numIndices == b.numIndices
  | .ctorInfo a, .ctorInfo b => a.type == b.type && a.levelParams == b.levelParams
  | .recInfo a, .recInfo b => a.type == b.type && a.levelParams == b.levelParams
  | .quotInfo a, .quotInfo b => a.type == b.type
  | _, _ => false

/--
The challenge's own constants that a statement can reach: through types, definition values and
inductive constructors, never through proofs. `Expr.getUsedConstants` is in src/Lean/Util/FoldConsts.lean.
-/
partial def statementDeps (chal : Std.HashMap Name ConstantInfo) (todo : List Name) (seen : NameSet) : NameSet :=
  match todo with
  | [] => seen
  | n :: rest =>
    if seen.contains n then statementDeps chal rest seen else
    match chal[n]? with
    | none => statementDeps chal rest seen   -- from the imported base: identical imports keep it fixed
    | some ci =>
      let inner : List Name := match ci with
        | .defnInfo v => v.value.getUsedConstants.toList
        | .opaqueInfo v => v.value.getUsedConstants.toList
        | .inductInfo v => v.ctors
        | _ => []
      statementDeps chal (ci.type.getUsedConstants.toList ++ inner ++ rest) (seen.insert n)

/-- Checks one target in the replayed environment. -/
def judgeTarget (chal cand : Std.HashMap Name ConstantInfo) (env : Environment) (allowed : NameSet) (target : String) :
    Outcome := Id.run do
  let n := target.toName
  let some c := chal[n]? | return refuse target "missing-in-challenge" s!"the challenge has no constant {n}"
  let some k := cand[n]? | return refuse target "missing-target" s!"the candidate declares no {n}"
  -- `ConstantInfo.thmInfo` carries a `TheoremVal` (src/Lean/Declaration.lean): a def or axiom is refused.
  let .thmInfo v := k | return refuse target "not-a-theorem" s!"{n} is not a theorem in the candidate"
  unless v.type == c.type && v.levelParams == c.levelParams do
    return refuse target "type-mismatch" s!"the type of {n} differs from the challenge's"
  let deps := statementDeps chal (c.type.getUsedConstants.toList) {}
  for d in deps do
    let same := match chal[d]?, cand[d]? with
      | some a, some b => sameMeaning a b
      | _, _ => false
    unless same do
      return refuse target "dependency-changed" s!"{d}, which the statement of {n} uses, differs from the challenge's"
  -- `CollectAxioms.collect` walks types and values of everything reachable (src/Lean/Util/CollectAxioms.lean);
  -- `M := ReaderT Environment (StateM State)`, so it reads the replayed constants, not the candidate's claims.
  let (_, st) := ((CollectAxioms.collect n).run env).run {}
  let axioms := st.axioms.map toString
  let result := { name := target, ok := true, axioms : Outcome }
  if st.axioms.contains ``sorryAx then
    return { result with ok := false, reason := "uses-sorry", detail := s!"{n} depends on sorryAx" }
  let bad := st.axioms.filter (!allowed.contains ·)
  unless bad.isEmpty do
    return { result with ok := false, reason := "bad-axiom", detail := s!"{n} depends on {bad.toList}" }
  return result

/-- The imported base for one import list, kept while the list stays the same (importing Mathlib costs seconds). -/
abbrev BaseCache := IO.Ref (Option (Array Name × Environment))

def baseFor (cache : BaseCache) (imports : Array Import) : IO Environment := do
  let key := imports.map (·.module)
  if let some (k, env) := (← cache.get) then
    if k == key then return env
  cache.set none   -- drop the old base before importing the next one
  -- `importModules (imports) (opts) (trustLevel)` (src/Lean/Environment.lean); extensions are not
  -- loaded (`loadExts` defaults to false), so no imported initializer runs either.
  let env ← importModules imports {} (trustLevel := 0)
  cache.set (some (key, env))
  return env

def checkRequest (cache : BaseCache) (req : Request) : IO (Array Outcome) := do
  let everyTarget (reason detail : String) := req.targets.map (refuse · reason detail)
  -- `readModuleData` maps the .olean into memory as data (src/Lean/Environment.lean): no code in it runs.
  -- The compacted regions are never freed: the replayed environment points into them.
  let (chalMod, _) ← readModuleData (System.FilePath.mk req.challenge)
  let (candMod, _) ← readModuleData (System.FilePath.mk req.candidate)
  if importNames chalMod != importNames candMod then
    return everyTarget "imports-differ" s!"imports {importNames candMod} are not the challenge's {importNames chalMod}"
  let base ← baseFor cache chalMod.imports
  let cand := constantMap candMod
  -- `Environment.replay` sends every constant to the kernel again, constructors and recursors
  -- compared with the ones the kernel generates (src/Lean/Replay.lean). A constant already in the
  -- base cannot be replaced: the kernel refuses a second declaration of the same name.
  -- `EIO.toBaseIO` turns the thrown error into a value: a kernel rejection is an answer, not a crash.
  match ← (base.replay cand).toBaseIO with
  | .error e => return everyTarget "replay-failed" s!"the kernel rejected the candidate: {e}"
  | .ok env =>
    let allowed := req.allowedAxioms.foldl (fun s a => s.insert a.toName) ({} : NameSet)
    return req.targets.map (judgeTarget (constantMap chalMod) cand env allowed)

def answerLine (cache : BaseCache) (line : String) : IO Json := do
  match (Json.parse line >>= fromJson? : Except String Request) with
  | .error e => return Json.mkObj [("error", toJson s!"bad request: {e}"), ("results", Json.arr #[])]
  | .ok req =>
    let id := match req.id with | some i => toJson i | none => Json.null
    let results := match ← (checkRequest cache req).toBaseIO with
      | .ok results => results
      | .error e => req.targets.map (refuse · "unreadable" (toString e))
    return Json.mkObj [("id", id), ("error", toJson ""), ("results", toJson results)]

end LeanproveChecker

open LeanproveChecker in
def main (_ : List String) : IO UInt32 := do
  -- The search path from LEAN_PATH (set by `lake env`) and the toolchain's own library (src/Lean/Util/Path.lean).
  initSearchPath (← findSysroot)
  let cache : BaseCache ← IO.mkRef none
  let stdin ← IO.getStdin
  let stdout ← IO.getStdout
  repeat
    let line ← stdin.getLine
    if line.isEmpty then break   -- end of input: the parent closed our stdin, or died
    if line.trim.isEmpty then continue
    stdout.putStrLn (← answerLine cache line.trim).compress
    stdout.flush
  return 0
