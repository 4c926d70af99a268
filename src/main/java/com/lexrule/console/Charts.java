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

    /** A bar; {@code text} is what is written beside it (its value when not given). */
    record Bar(String label, int value, String colour, String text) {
        Bar(String label, int value, String colour) {
            this(label, value, colour, Integer.toString(value));
        }
    }

    /** A point of a series over time: the decisions compared in the period and how many agreed. */
    record Point(long decided, long agreed) {
        Double rate() {
            return decided == 0 ? null : agreed / (double) decided;
        }
    }

    private static final String[] SERIES = {"#0b57a4", "#c0392b", "#1e8449", "#d4ac0d", "#7d3c98", "#ca6f1e", "#17a589", "#5d6d7e"};
    private static final int LINE_HEIGHT = 260;
    private static final int PLOT_LEFT = 50;
    private static final int PLOT_RIGHT = 560;
    private static final int PLOT_TOP = 15;
    private static final int PLOT_BOTTOM = 215;

    /**
     * Agreement rates over time, one line a series, the y axis 0–100 %. Each point carries its counts (agreed /
     * decided) in its title, and written beside it when there are few series; a period without decided cases has no
     * point and breaks its line.
     */
    static String lines(String title, List<String> periods, Map<String, List<Point>> series) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
                .append("\" height=\"").append(LINE_HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(LINE_HEIGHT)
                .append("\" aria-label=\"").append(escape(title)).append("\"><title>").append(escape(title)).append("</title>");
        for (int pct = 0; pct <= 100; pct += 25) {
            int y = y(pct / 100.0);
            svg.append("<line x1=\"").append(PLOT_LEFT).append("\" y1=\"").append(y).append("\" x2=\"").append(PLOT_RIGHT)
                    .append("\" y2=\"").append(y).append("\" stroke=\"#d0d0d0\"/><text x=\"").append(PLOT_LEFT - 6).append("\" y=\"")
                    .append(y + 4).append("\" font-size=\"12\" text-anchor=\"end\" fill=\"#1a1a1a\">").append(pct).append("%</text>");
        }
        int n = periods.size();
        for (int i = 0; i < n; i++) {
            if (n > 12 && i % 2 == 1) continue;
            svg.append("<text x=\"").append(x(i, n)).append("\" y=\"").append(PLOT_BOTTOM + 18)
                    .append("\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1a1a1a\">").append(escape(periods.get(i))).append("</text>");
        }
        int s = 0;
        for (Map.Entry<String, List<Point>> line : series.entrySet()) {
            String colour = SERIES[s % SERIES.length];
            StringBuilder path = new StringBuilder();
            boolean pen = false;
            for (int i = 0; i < n; i++) {
                Double rate = line.getValue().get(i).rate();
                if (rate == null) { pen = false; continue; }
                path.append(pen ? " L" : " M").append(x(i, n)).append(' ').append(y(rate));
                pen = true;
            }
            if (!path.isEmpty()) {
                svg.append("<path d=\"").append(path.toString().strip()).append("\" fill=\"none\" stroke=\"").append(colour)
                        .append("\" stroke-width=\"2\"/>");
            }
            for (int i = 0; i < n; i++) {
                Point p = line.getValue().get(i);
                if (p.rate() == null) continue;
                svg.append("<circle cx=\"").append(x(i, n)).append("\" cy=\"").append(y(p.rate())).append("\" r=\"4\" fill=\"")
                        .append(colour).append("\"><title>").append(escape(line.getKey() + " " + periods.get(i) + "：" + p.agreed() + " / "
                        + p.decided() + " = " + percent(p.rate()))).append("</title></circle>");
                if (series.size() <= 3) {
                    svg.append("<text x=\"").append(x(i, n)).append("\" y=\"").append(y(p.rate()) - 8 - 11 * s)
                            .append("\" font-size=\"10\" text-anchor=\"middle\" fill=\"").append(colour).append("\">")
                            .append(p.agreed()).append('/').append(p.decided()).append("</text>");
                }
            }
            int ly = PLOT_TOP + 6 + s * 20;
            svg.append("<rect x=\"").append(PLOT_RIGHT + 20).append("\" y=\"").append(ly - 10).append("\" width=\"14\" height=\"10\" fill=\"")
                    .append(colour).append("\"/><text x=\"").append(PLOT_RIGHT + 40).append("\" y=\"").append(ly)
                    .append("\" font-size=\"12\" fill=\"#1a1a1a\">").append(escape(line.getKey())).append("</text>");
            s++;
        }
        if (series.isEmpty()) {
            svg.append("<text x=\"").append(PLOT_LEFT + 10).append("\" y=\"40\" font-size=\"14\" fill=\"#333\">此期间没有登记承办人决定</text>");
        }
        return svg.append("</svg>").toString();
    }

    /** Agreement rates of groups as bars, each labelled with its rate and counts. */
    static String rates(String title, List<com.lexrule.review.AgreementStatistics.Rate> rates) {
        List<Bar> bars = new ArrayList<>();
        for (var r : rates) {
            double rate = r.rate() == null ? 0 : r.rate().doubleValue();
            bars.add(new Bar(r.key(), (int) Math.round(rate * 1000), "#0b57a4", percent(rate) + "（" + r.agreed() + " / " + r.decided() + "）"));
        }
        // 100 % fills two thirds of the bar area: the rate and counts are written beside the bar.
        return bars(title, bars, 1500);
    }

    static String percent(double rate) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", rate * 100);
    }

    private static int x(int i, int n) {
        return n <= 1 ? (PLOT_LEFT + PLOT_RIGHT) / 2 : PLOT_LEFT + 15 + (int) Math.round((PLOT_RIGHT - PLOT_LEFT - 30) * i / (double) (n - 1));
    }

    private static int y(double rate) {
        return (int) Math.round(PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * rate);
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
        return bars(title, bars, bars.stream().mapToInt(Bar::value).max().orElse(1));
    }

    private static String bars(String title, List<Bar> bars, int max) {
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
                    .append("\" font-size=\"13\" fill=\"#1a1a1a\">").append(escape(bar.text())).append("</text>");
            y += BAR + 6;
        }
        return svg.append("</svg>").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
