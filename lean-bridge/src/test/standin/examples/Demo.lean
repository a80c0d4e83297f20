import Mathlib
import Aesop

set_option maxHeartbeats 0

open BigOperators Real Nat Topology Rat

/-- Proved: the oracle lists this proof (DeepSeek-Prover-V2's own, accepted by real Lean). -/
theorem mathd_algebra_159 (b : ℝ) (f : ℝ → ℝ)
  (h₀ : ∀ x, f x = 3 * x ^ 4 - 7 * x ^ 3 + 2 * x ^ 2 - b * x + 1) (h₁ : f 1 = 1) : b = -2 := by
  simp_all only [rpow_two, mul_one, sub_eq_add_neg, add_assoc]
  ring_nf
  linarith

/-- Not proved yet: `leanprove prove` is for this one. -/
theorem mathd_numbertheory_48 (b : ℕ) (h₀ : 0 < b) (h₁ : 3 * b ^ 2 + 2 * b + 1 = 57) : b = 4 := by
  sorry

/-- Not proved yet, and easy: the model-free tactic portfolio proves it. -/
theorem two_plus_two_real : (2 : ℝ) + 2 = 4 := by
  sorry
