/* Draws every chart on the page with ECharts (vendor/echarts.min.js, loaded before this file).
 *
 * A chart is an element <div data-chart="ID"> and its data a <script type="application/json" id="ID">
 * block written by Django's json_script filter: no inline script, so the page works under a strict CSP.
 * The data: {kind: "bar", horizontal, title, unit, integer, categories: [...], series: [{name, data: [...]}]}.
 * The same numbers are in a table under each chart: the chart only helps the eye.
 */
(function () {
  "use strict";

  // Okabe–Ito colours: told apart with the common colour-vision deficiencies.
  var PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#7F7F7F", "#F0E442"];

  function height(spec) {
    if (!spec.horizontal) return 320;
    var bars = spec.categories.length * Math.max(1, spec.series.length);
    return Math.max(240, Math.min(1600, bars * 16 + spec.categories.length * 10 + 80));
  }

  function option(spec) {
    var many = spec.series.length > 1;
    var category = {
      type: "category",
      data: spec.categories,
      axisLabel: { interval: 0, width: spec.horizontal ? 120 : 80, overflow: "break", color: "#1f2328" },
      axisTick: { alignWithLabel: true }
    };
    var value = {
      type: "value",
      name: spec.unit || "",
      minInterval: spec.integer ? 1 : 0,
      axisLabel: { color: "#1f2328" }
    };
    if (spec.horizontal) category.inverse = true;
    return {
      color: PALETTE,
      animation: false,
      aria: { enabled: false }, // the container carries a label; the table below carries the numbers
      textStyle: { fontFamily: "PingFang SC, Microsoft YaHei, Noto Sans CJK SC, sans-serif" },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: many ? { type: "scroll", top: 0 } : { show: false },
      grid: { left: 8, right: 40, top: many ? 40 : 30, bottom: 8, containLabel: true },
      xAxis: spec.horizontal ? value : category,
      yAxis: spec.horizontal ? category : value,
      series: spec.series.map(function (s) {
        return {
          name: s.name,
          type: "bar",
          data: s.data,
          barMaxWidth: 36,
          label: { show: true, position: spec.horizontal ? "right" : "top", color: "#1f2328" }
        };
      })
    };
  }

  var charts = [];

  // Draws the charts not drawn yet: those of the page, then those of each section htmx brings in.
  function draw() {
    if (!window.echarts) return;
    document.querySelectorAll("[data-chart]:not([data-drawn])").forEach(function (element) {
      var source = document.getElementById(element.getAttribute("data-chart"));
      if (!source) return;
      var spec = JSON.parse(source.textContent);
      element.setAttribute("data-drawn", "");
      element.style.height = height(spec) + "px";
      var chart = window.echarts.init(element, null, { renderer: "canvas" });
      chart.setOption(option(spec));
      charts.push(chart);
    });
  }

  window.addEventListener("resize", function () {
    charts.forEach(function (chart) { chart.resize(); });
  });
  document.addEventListener("htmx:afterSettle", draw);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
