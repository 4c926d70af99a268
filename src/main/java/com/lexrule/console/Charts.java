package com.lexrule.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.lexrule.policy.lifecycle.Backtester;

/**
 * The back-test's charts as SVG written on the server (no chart script, nothing inline for the CSP to forbid): one
 * horizontal bar per transition (YELLOW→RED, MAY_ARREST→MUST_ARREST, unchanged ones included) and per rule that
 * fires more or less often, each bar labelled with its count, so that the figures stand without the drawing.
 */
final class Charts {

    private static final int WIDTH = 720;
    private static final int LABEL = 300;
    private static final int BAR = 22;

    private Charts() {
    }

    record Bar(String label, int value, String colour) {
    }

    static String transitions(String title, Map<String, Integer> transitions, int unchanged) {
        List<Bar> bars = new ArrayList<>();
        if (unchanged > 0) bars.add(new Bar("未改变", unchanged, "#8a99a8"));
        transitions.entrySet().stream().sorted((a, b) -> Integer.compare(b.getValue(), a.getValue())).forEach(e -> {
            String[] parts = e.getKey().split("→", 2);
            boolean same = parts.length == 2 && parts[0].equals(parts[1]);
            bars.add(new Bar(e.getKey(), e.getValue(), same ? "#8a99a8" : colour(parts.length == 2 ? parts[1] : e.getKey())));
        });
        return bars(title, bars);
    }

    static String rules(String title, List<Backtester.RuleShift> shifts) {
        List<Bar> bars = new ArrayList<>();
        for (Backtester.RuleShift s : shifts.stream().limit(15).toList()) {
            if (s.firedOnlyAfter() > 0) bars.add(new Bar(s.ruleId() + " 增加", s.firedOnlyAfter(), "#c0392b"));
            if (s.firedOnlyBefore() > 0) bars.add(new Bar(s.ruleId() + " 减少", s.firedOnlyBefore(), "#2471a3"));
        }
        return bars(title, bars);
    }

    private static String colour(String grade) {
        return switch (grade) {
            case "RED" -> "#c0392b";
            case "YELLOW" -> "#d4ac0d";
            case "GREEN" -> "#1e8449";
            default -> "#5d6d7e";
        };
    }

    private static String bars(String title, List<Bar> bars) {
        int max = bars.stream().mapToInt(Bar::value).max().orElse(1);
        int height = 30 + Math.max(1, bars.size()) * (BAR + 6);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" aria-label=\"").append(escape(title)).append("\"><title>").append(escape(title)).append("</title>");
        if (bars.isEmpty()) {
            svg.append("<text x=\"0\" y=\"20\" font-size=\"14\" fill=\"#333\">无变化</text>");
        }
        int y = 10;
        for (Bar bar : bars) {
            int w = Math.max(2, (int) Math.round((WIDTH - LABEL - 60) * (bar.value() / (double) max)));
            svg.append("<text x=\"").append(LABEL - 8).append("\" y=\"").append(y + 16)
                    .append("\" font-size=\"13\" text-anchor=\"end\" fill=\"#1a1a1a\">").append(escape(bar.label())).append("</text>")
                    .append("<rect x=\"").append(LABEL).append("\" y=\"").append(y).append("\" width=\"").append(w)
                    .append("\" height=\"").append(BAR).append("\" fill=\"").append(bar.colour()).append("\"/>")
                    .append("<text x=\"").append(LABEL + w + 6).append("\" y=\"").append(y + 16)
                    .append("\" font-size=\"13\" fill=\"#1a1a1a\">").append(bar.value()).append("</text>");
            y += BAR + 6;
        }
        return svg.append("</svg>").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
