package com.lexrule.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.lexrule.assessment.AssessmentPipeline;

/**
 * The packages of the service form a graph without cycles, read from the compiled classes by the JDK's own
 * {@code jdeps}: a package may use the ones below it, never one that uses it back. A failure names every cycle, as a
 * path of packages, and the edges that close it.
 */
class PackageGraphTest {

    private static final Pattern EDGE = Pattern.compile("^\\s+(com\\.lexrule(?:\\.\\w+)*)\\s+->\\s+(com\\.lexrule(?:\\.\\w+)*)\\s");

    @Test
    void thePackageImportGraphIsAcyclic() throws Exception {
        Map<String, Set<String>> graph = packageGraph();
        assertThat(graph).as("jdeps found the service's packages").containsKeys("com.lexrule.problem", "com.lexrule.policy");
        List<List<String>> cycles = cycles(graph);
        assertThat(cycles).as("package cycles (each a strongly connected set of packages, with a path round it):\n"
                + describe(cycles, graph)).isEmpty();
    }

    @Test
    void theProblemPackageDependsOnNoDomainPackage() throws Exception {
        Set<String> uses = packageGraph().getOrDefault("com.lexrule.problem", Set.of());
        assertThat(uses).as("problem is the leaf every capability maps its refusals through").allMatch("com.lexrule.boundary"::equals);
    }

    @Test
    void aCycleIsFoundAndPrintedAsAPathRoundIt() {
        Map<String, Set<String>> graph = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"),
                "d", Set.of()));
        List<List<String>> cycles = cycles(graph);
        assertThat(cycles).containsExactly(List.of("a", "b", "c"));
        assertThat(describe(cycles, graph)).contains("a -> b -> c -> a").contains("c -> a");
    }

    static Map<String, Set<String>> packageGraph() throws Exception {
        Path classes = Path.of(AssessmentPipeline.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-e", "com\\.lexrule\\..*",
                classes.toString());
        assertThat(status).as(err.toString()).isZero();
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            Matcher m = EDGE.matcher(line);
            if (m.find() && !m.group(1).equals(m.group(2))) {
                graph.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
                graph.computeIfAbsent(m.group(2), k -> new TreeSet<>());
            }
        }
        return graph;
    }

    /** Tarjan's strongly connected components of more than one package. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> components = new ArrayList<>();
        int[] counter = {0};
        for (String node : graph.keySet()) {
            if (!index.containsKey(node)) connect(node, graph, index, low, stack, onStack, components, counter);
        }
        return components;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index, Map<String, Integer> low,
                                Deque<String> stack, Set<String> onStack, List<List<String>> components, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, components, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) components.add(component.stream().sorted().toList());
        }
    }

    private static String describe(List<List<String>> cycles, Map<String, Set<String>> graph) {
        StringBuilder text = new StringBuilder();
        for (List<String> component : cycles) {
            text.append("  ").append(String.join(" -> ", pathRound(component, graph))).append('\n');
            for (String from : component) {
                for (String to : graph.get(from)) {
                    if (component.contains(to)) text.append("      ").append(from).append(" -> ").append(to).append('\n');
                }
            }
        }
        return text.toString();
    }

    /** A path from the component's first package back to itself, through the component only. */
    private static List<String> pathRound(List<String> component, Map<String, Set<String>> graph) {
        String start = component.get(0);
        Map<String, String> cameFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String v = queue.poll();
            for (String w : graph.get(v)) {
                if (!component.contains(w)) continue;
                if (w.equals(start)) {
                    List<String> path = new ArrayList<>(List.of(start));
                    for (String p = v; p != null && !p.equals(start); p = cameFrom.get(p)) path.add(1, p);
                    path.add(start);
                    return path;
                }
                if (!cameFrom.containsKey(w)) {
                    cameFrom.put(w, v);
                    queue.add(w);
                }
            }
        }
        return component;
    }
}
