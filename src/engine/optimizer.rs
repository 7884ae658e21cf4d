//! Update rules: w ← w − η·(something built from ∇L).
