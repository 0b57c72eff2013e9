package io.portcullis.sbom;

import io.portcullis.inventory.Package;
import io.portcullis.inventory.PackageList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The packages of an inventory in the order SBOMs list them ({@link PackageRefs#DOCUMENT_ORDER}), as a list that
 * takes each package from the inventory when asked for. An inventory makes its packages on request, so a plain
 * sort, which holds every package at once, would undo its compact form; and asking the inventory for two
 * packages at each of the twenty million comparisons of a million packages would take minutes. So it is sorted
 * as an external sort is: runs of {@value #RUN} packages are made and sorted, then merged, asking the inventory
 * for each package twice in all. The order is stable.
 */
final class DocumentOrder extends PackageList {

    static final int RUN = 8192;

    private final List<Package> packages;
    private final int[] order;

    private DocumentOrder(List<Package> packages, int[] order) {
        this.packages = packages;
        this.order = order;
    }

    static DocumentOrder of(List<Package> packages) {
        int size = packages.size();
        int[] runs = new int[size];
        for (int start = 0; start < size; start += RUN) {
            sortRun(packages, start, Math.min(size, start + RUN), runs);
        }
        return new DocumentOrder(packages, size <= RUN ? runs : merged(packages, runs));
    }

    @Override
    public Package get(int index) {
        return packages.get(order[index]);
    }

    @Override
    public int size() {
        return order.length;
    }

    private record Positioned(Package pkg, int position) {
    }

    private static final Comparator<Positioned> BY_PACKAGE_THEN_POSITION =
            Comparator.comparing(Positioned::pkg, PackageRefs.DOCUMENT_ORDER).thenComparingInt(Positioned::position);

    /** Writes the positions {@code start} to {@code end} into {@code runs} there, in document order. */
    private static void sortRun(List<Package> packages, int start, int end, int[] runs) {
        Positioned[] run = new Positioned[end - start];
        Arrays.setAll(run, i -> new Positioned(packages.get(start + i), start + i));
        Arrays.sort(run, BY_PACKAGE_THEN_POSITION);
        for (int i = 0; i < run.length; i++) {
            runs[start + i] = run[i].position();
        }
    }

    /** The head of one run while the runs are merged: where it is in {@code runs}, and the package there. */
    private record Head(Package pkg, int position, int next, int end) {
    }

    private static int[] merged(List<Package> packages, int[] runs) {
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::pkg, PackageRefs.DOCUMENT_ORDER)
                .thenComparingInt(Head::position));
        List<Head> firsts = new ArrayList<>();
        for (int start = 0; start < runs.length; start += RUN) {
            firsts.add(new Head(packages.get(runs[start]), runs[start], start + 1, Math.min(runs.length, start + RUN)));
        }
        heads.addAll(firsts);
        int[] order = new int[runs.length];
        for (int i = 0; i < order.length; i++) {
            Head head = heads.remove();
            order[i] = head.position();
            if (head.next() < head.end()) {
                int position = runs[head.next()];
                heads.add(new Head(packages.get(position), position, head.next() + 1, head.end()));
            }
        }
        return order;
    }
}
