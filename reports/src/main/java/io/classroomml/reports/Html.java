package io.classroomml.reports;

import java.util.List;

/**
 * A small HTML builder that escapes every piece of text it is given (class names are user input).
 */
final class Html {

  private final StringBuilder out = new StringBuilder();

  /** Escapes {@code &}, {@code <}, {@code >}, quotes and apostrophes for text and attributes. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** Starts a page with a title and the shared stylesheet. */
  Html page(String title) {
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n");
    return this;
  }

  /** Appends markup built by this class or constant markup; never user text. */
  Html raw(String markup) {
    out.append(markup);
    return this;
  }

  /** An element with escaped text content, e.g. {@code tag("h2", "Findings")}. */
  Html tag(String tag, String text) {
    out.append('<')
        .append(tag)
        .append('>')
        .append(escape(text))
        .append("</")
        .append(tag)
        .append(">\n");
    return this;
  }

  /** A paragraph with a CSS class and escaped text. */
  Html paragraph(String cssClass, String text) {
    out.append("<p class=\"").append(cssClass).append("\">").append(escape(text)).append("</p>\n");
    return this;
  }

  /** An image beside the page, referenced relatively so the folder can be moved or zipped. */
  Html image(String file, String alt) {
    out.append("<p><img src=\"")
        .append(escape(file))
        .append("\" alt=\"")
        .append(escape(alt))
        .append("\"></p>\n");
    return this;
  }

  /**
   * A table; cells are escaped text, and columns after the first are right-aligned numbers when
   * {@code numeric}.
   */
  Html table(List<String> header, List<List<String>> rows, boolean numeric) {
    out.append("<table").append(numeric ? " class=\"num\"" : "").append(">\n<thead><tr>");
    for (String h : header) {
      out.append("<th>").append(escape(h)).append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : rows) {
      out.append("<tr>");
      for (String cell : row) {
        out.append("<td>").append(escape(cell)).append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n");
    return this;
  }

  /** Closes the page and returns it. */
  String end() {
    out.append("</body>\n</html>\n");
    return out.toString();
  }

  private static final String STYLE =
      """
      body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto;
             max-width: 1200px; padding: 0 1em; color: #222; }
      h1 { font-size: 1.6em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; }
      table { border-collapse: collapse; margin: 0.5em 0; }
      th, td { border: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; }
      th { background: #f4f4f4; }
      table.num td:not(:first-child) { text-align: right; font-variant-numeric: tabular-nums; }
      img { max-width: 100%; height: auto; }
      ul.findings { list-style: none; padding: 0; }
      ul.findings li { margin: 0.4em 0; padding: 0.5em 0.8em; border-left: 4px solid #0072B2;
                       background: #f2f7fb; }
      ul.findings li.warning { border-color: #D55E00; background: #fdf1ea; }
      .severity { font-weight: bold; margin-right: 0.5em; }
      .note { color: #666; }
      .bar { display: flex; height: 1.4em; max-width: 800px; border: 1px solid #ccc; }
      .bar span { display: block; height: 100%; }
      """;
}
