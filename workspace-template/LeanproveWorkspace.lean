-- Building this module makes `lake build` load all of Mathlib once, which proves the workspace works.
import Mathlib
import Aesop
