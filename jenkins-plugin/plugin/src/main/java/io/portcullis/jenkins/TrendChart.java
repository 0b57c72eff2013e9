package io.portcullis.jenkins;

import java.util.List;
import java.util.Locale;

/** A server-side SVG line chart of open findings per build; each point links to its build. */
final class TrendChart {
    static final int WIDTH = 500;
    static final int HEIGHT = 200;
    private static final int LEFT = 40;
    private static final int RIGHT = 10;
    private static final int TOP = 10;
    private static final int BOTTOM = 30;

    record Point(int build, int critical, int high, int medium, int low) {
    }

    private record Series(String name, String color, java.util.function.ToIntFunction<Point> value) {
    }

    private static final List<Series> SERIES = List.of(
            new Series("critical", "#b3261e", Point::critical),
            new Series("high", "#e8710a", Point::high),
            new Series("medium", "#f9ab00", Point::medium),
            new Series("low", "#5f6368", Point::low));

    private TrendChart() {
    }

    static String svg(List<Point> points) {
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"portcullis-trend\" role=\"img\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\">");
        s.append("<title>Open findings by severity, last ").append(points.size()).append(" build(s)</title>");
        int max = 1;
        for (Point p : points) {
            for (Series series : SERIES) {
                max = Math.max(max, series.value().applyAsInt(p));
            }
        }
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        s.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP + plotH).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y2=\"").append(TOP + plotH).append("\" stroke=\"#999\"/>");
        s.append("<text x=\"2\" y=\"").append(TOP + 10).append("\" font-size=\"10\">").append(max).append("</text>");
        s.append("<text x=\"2\" y=\"").append(TOP + plotH).append("\" font-size=\"10\">0</text>");
        for (Series series : SERIES) {
            StringBuilder line = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            for (int i = 0; i < points.size(); i++) {
                Point p = points.get(i);
                double x = LEFT + (points.size() == 1 ? plotW / 2.0 : plotW * i / (double) (points.size() - 1));
                double y = TOP + plotH - plotH * series.value().applyAsInt(p) / (double) max;
                line.append(i == 0 ? "" : " ").append(fmt(x)).append(',').append(fmt(y));
                dots.append("<a href=\"").append(p.build()).append("/\"><circle cx=\"").append(fmt(x)).append("\" cy=\"").append(fmt(y))
                        .append("\" r=\"4\" fill=\"").append(series.color()).append("\"><title>#").append(p.build()).append(": ")
                        .append(series.value().applyAsInt(p)).append(' ').append(series.name()).append("</title></circle></a>");
            }
            s.append("<polyline fill=\"none\" stroke=\"").append(series.color()).append("\" stroke-width=\"2\" points=\"")
                    .append(line).append("\"/>").append(dots);
        }
        for (int i = 0; i < points.size(); i++) {
            double x = LEFT + (points.size() == 1 ? plotW / 2.0 : plotW * i / (double) (points.size() - 1));
            s.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(HEIGHT - 10).append("\" font-size=\"10\" text-anchor=\"middle\">#")
                    .append(points.get(i).build()).append("</text>");
        }
        int legendX = LEFT;
        for (Series series : SERIES) {
            s.append("<rect x=\"").append(legendX).append("\" y=\"").append(HEIGHT - 8).append("\" width=\"8\" height=\"8\" fill=\"")
                    .append(series.color()).append("\"/><text x=\"").append(legendX + 11).append("\" y=\"").append(HEIGHT - 1)
                    .append("\" font-size=\"9\">").append(series.name()).append("</text>");
            legendX += 70;
        }
        return s.append("</svg>").toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
