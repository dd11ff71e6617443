package io.jreign.testkit.property;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinks a failing choice sequence: deletes runs of choices, lowers single choices (to zero,
 * halved, one less) and moves value from one choice to a later one, keeping every change after which the test still fails, until no change helps
 * or the budget of re-runs is spent. Deterministic: no randomness of its own.
 */
final class Shrinker {
    private final Predicate<List<Long>> stillFails;
    private int budget;

    Shrinker(Predicate<List<Long>> stillFails, int budget) {
        this.stillFails = stillFails;
        this.budget = budget;
    }

    List<Long> shrink(List<Long> failing) {
        List<Long> best = new ArrayList<>(failing);
        boolean improved = true;
        while (improved && budget > 0) {
            improved = deleteRuns(best) | lowerEach(best) | redistribute(best);
        }
        return best;
    }

    private boolean deleteRuns(List<Long> best) {
        boolean improved = false;
        for (int size = Math.max(1, best.size() / 2); size >= 1; size /= 2) {
            for (int start = best.size() - size; start >= 0 && budget > 0; start--) {
                List<Long> candidate = new ArrayList<>(best.subList(0, start));
                candidate.addAll(best.subList(Math.min(best.size(), start + size), best.size()));
                if (tryCandidate(candidate)) {
                    best.clear();
                    best.addAll(candidate);
                    improved = true;
                    start = Math.min(start, best.size() - size + 1);
                }
            }
        }
        return improved;
    }

    private boolean lowerEach(List<Long> best) {
        boolean improved = false;
        for (int i = 0; i < best.size() && budget > 0; i++) {
            long value = best.get(i);
            for (long lower : new long[] {0, value / 2, value - 1}) {
                if (lower >= 0 && lower < value) {
                    List<Long> candidate = new ArrayList<>(best);
                    candidate.set(i, lower);
                    if (tryCandidate(candidate)) {
                        best.set(i, lower);
                        improved = true;
                        break;
                    }
                }
            }
        }
        return improved;
    }

    /**
     * Moves one choice's value onto a later one (zeroing the first): gets out of minima such as a
     * sum split over two elements, where lowering either alone makes the test pass.
     */
    private boolean redistribute(List<Long> best) {
        boolean improved = false;
        for (int i = 0; i < best.size() && budget > 0; i++) {
            for (int j = i + 1; j < best.size() && budget > 0 && best.get(i) > 0; j++) {
                List<Long> candidate = new ArrayList<>(best);
                candidate.set(i, 0L);
                candidate.set(j, best.get(j) + best.get(i));
                if (tryCandidate(candidate)) {
                    best.clear();
                    best.addAll(candidate);
                    improved = true;
                }
            }
        }
        return improved;
    }

    private boolean tryCandidate(List<Long> candidate) {
        budget--;
        return stillFails.test(candidate);
    }
}
