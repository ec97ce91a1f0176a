package dev.tessera.stripe.emulator.control;

/** Minimal HTML for the hosted pages; every dynamic value goes through {@link #esc}. */
final class Html {
  private Html() {}

  static String esc(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }

  static String page(String title, String body) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + esc(title) + "</title><style>"
        + "body{font-family:system-ui,sans-serif;background:#f6f9fc;color:#1a1f36;margin:0}"
        + "main{max-width:560px;margin:40px auto;background:#fff;border-radius:8px;padding:32px;"
        + "box-shadow:0 2px 8px rgba(0,0,0,.08)}"
        + ".banner{background:#ffde92;color:#5a3e00;font-size:13px;padding:6px 12px;border-radius:4px;margin-bottom:16px}"
        + "table{width:100%;border-collapse:collapse;margin:16px 0}td{padding:6px 0}td.r{text-align:right}"
        + "tr.total td{border-top:1px solid #e3e8ee;font-weight:600}"
        + "label{display:block;font-size:14px;margin-top:12px}input{width:100%;padding:8px;box-sizing:border-box;"
        + "border:1px solid #cfd7df;border-radius:4px;margin-top:4px}"
        + ".buttons{display:flex;gap:8px;margin-top:20px}button{flex:1;padding:10px;border:0;border-radius:4px;"
        + "font-size:15px;cursor:pointer}.pay{background:#635bff;color:#fff}.decline{background:#df1b41;color:#fff}"
        + ".cancel{background:#e3e8ee;color:#1a1f36}.error{color:#df1b41;margin-top:12px}.muted{color:#697386;font-size:13px}"
        + "</style></head><body><main><div class=\"banner\">Stripe emulator &middot; test mode</div>"
        + body + "</main></body></html>";
  }
}
