// The statistics page: draws its charts with ECharts from the figures the server embedded (#stats-data, the API's
// numbers untouched), and keeps them current: when a case of the hall changes, the figures are re-read from the
// server (/stats/report, at most every few seconds) and swapped in, so page and API never disagree.
(function () {
  "use strict";
  const report = document.getElementById("stats-report");
  if (!report) return; // the filter was refused: nothing to draw

  const t = ServiceHall.t;
  const blue = "#1565c0";
  const red = "#b71c1c";
  const grey = "#90a4ae";
  const font = getComputedStyle(document.body).fontFamily;
  const charts = new Map();
  const maxDays = 400;

  function chart(name) {
    let instance = charts.get(name);
    if (!instance) {
      const element = report.querySelector('[data-chart="' + name + '"]');
      instance = echarts.init(element, null, { renderer: "canvas" });
      // data-drawn tells screenshots and tests that the chart stands still (its entry animation has ended).
      instance.on("finished", () => { element.dataset.drawn = "true"; });
      charts.set(name, instance);
    }
    delete instance.getDom().dataset.drawn;
    return instance;
  }

  function base(empty) {
    return {
      textStyle: { fontFamily: font },
      animationDuration: 300,
      title: {
        show: empty, text: t("chart.empty"), left: "center", top: "middle",
        textStyle: { color: "#616e7c", fontSize: 14, fontWeight: "normal" },
      },
    };
  }

  function count(map, key) {
    return (map && map[key]) || 0;
  }

  /** Horizontal bars, one per label (long window names read better across than under the axis). */
  function rowBars(labels, values, unit) {
    const empty = values.every(v => v === 0);
    return Object.assign(base(empty), {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 8, right: 24, top: 10, bottom: 30, containLabel: true },
      xAxis: { type: "value", name: unit, nameLocation: "middle", nameGap: 26, minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: labels },
      series: [{ type: "bar", data: values, itemStyle: { color: blue }, label: { show: !empty, position: "right" } }],
    });
  }

  function byChannel(data) {
    const items = data.channels
      .filter(c => count(data.cases.byChannel, c.code) > 0)
      .map(c => ({
        name: c.name,
        value: count(data.cases.byChannel, c.code),
        itemStyle: c.code === data.highlightedChannel ? { color: red } : undefined,
      }));
    return Object.assign(base(items.length === 0), {
      tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
      legend: { bottom: 0, type: "scroll" },
      series: [{
        type: "pie", radius: ["35%", "62%"], center: ["50%", "45%"], data: items,
        label: { formatter: "{b}\n{c}" },
      }],
    });
  }

  function handlingByChannel(data) {
    const minutes = data.cases.averageHandlingMinutesByChannel;
    const shown = data.channels.filter(c => Object.prototype.hasOwnProperty.call(minutes, c.code));
    const highlighted = code => code === data.highlightedChannel;
    return Object.assign(base(shown.length === 0), {
      tooltip: {
        trigger: "item",
        formatter: p => p.name + ": " + data.handlingText[shown[p.dataIndex].code],
      },
      grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
      xAxis: {
        type: "category",
        data: shown.map(c => c.name),
        axisLabel: {
          formatter: (name, index) => highlighted(shown[index].code) ? "{instant|" + name + "}" : name,
          rich: { instant: { color: red, fontWeight: "bold" } },
        },
      },
      yAxis: { type: "value", name: t("chart.minutes") },
      series: [{
        type: "bar",
        data: shown.map(c => ({
          value: minutes[c.code],
          itemStyle: { color: highlighted(c.code) ? red : grey },
          label: { fontWeight: highlighted(c.code) ? "bold" : "normal", color: highlighted(c.code) ? red : "#1f2933" },
        })),
        label: { show: true, position: "top", formatter: p => data.handlingText[shown[p.dataIndex].code] },
      }],
    });
  }

  /** Every day of the period (days without cases count 0), unless the period is too long to draw day by day. */
  function days(data) {
    const first = Date.parse(data.from + "T00:00:00Z");
    const last = Date.parse(data.to + "T00:00:00Z");
    const span = Math.round((last - first) / 86400000) + 1;
    if (!(span > 0 && span <= maxDays)) return Object.keys(data.cases.byDay).sort();
    const list = [];
    for (let i = 0; i < span; i++) list.push(new Date(first + i * 86400000).toISOString().slice(0, 10));
    return list;
  }

  function byDay(data) {
    const list = days(data);
    const values = list.map(day => count(data.cases.byDay, day));
    return Object.assign(base(values.every(v => v === 0)), {
      tooltip: { trigger: "axis" },
      grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: list, axisLabel: { formatter: day => day.slice(5) } },
      yAxis: { type: "value", name: t("chart.cases"), minInterval: 1 },
      series: [{ type: "line", data: values, itemStyle: { color: blue }, areaStyle: { opacity: 0.12 }, symbolSize: 5 }],
    });
  }

  function draw() {
    const data = JSON.parse(document.getElementById("stats-data").textContent);
    const windows = data.windows.map(w => w.name);
    chart("by-channel").setOption(byChannel(data), true);
    chart("handling-by-channel").setOption(handlingByChannel(data), true);
    chart("by-day").setOption(byDay(data), true);
    chart("by-window").setOption(rowBars(windows, data.windows.map(w => count(data.cases.byWindow, w.code)), t("chart.cases")), true);
    chart("consultations-by-window").setOption(
      rowBars(windows, data.windows.map(w => count(data.consultationsByWindow, w.code)), t("chart.consultations")), true);
  }

  // Live refresh, throttled: many changes in a burst cost one re-read.
  const throttleMs = 2000;
  let timer = null;
  let running = false;
  let again = false;

  function schedule() {
    if (timer === null) timer = setTimeout(() => { timer = null; refresh(); }, throttleMs);
  }

  async function refresh() {
    if (running) { again = true; return; }
    running = true;
    try {
      const fresh = await ServiceHall.fragment(report.dataset.refresh);
      if (fresh) {
        for (const part of Array.from(fresh.querySelectorAll("[data-part]"))) {
          const current = report.querySelector('[data-part="' + part.dataset.part + '"]');
          if (current) current.replaceWith(part);
        }
        draw();
        report.dataset.refreshed = String(Number(report.dataset.refreshed || "0") + 1);
      }
    } catch (error) {
      console.warn("statistics refresh failed", error);
    } finally {
      running = false;
      if (again) { again = false; schedule(); }
    }
  }

  draw();
  window.addEventListener("resize", () => charts.forEach(instance => instance.resize()));
  ServiceHall.live({
    status: document.getElementById("live-status"),
    join: async connection => { await connection.invoke("JoinBoard", { hall: report.dataset.hall }); return null; },
    onChange: schedule,
    onResync: refresh,
  });
})();
