// Draws the 30-night trend from /dashboard/trend (kept out of the page: the CSP allows no inline script).
(function () {
  var box = document.getElementById('trend');
  if (!box || !window.echarts) { return; }
  fetch(box.dataset.source, {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
    .then(function (r) { return r.json(); })
    .then(function (nights) {
      if (!nights.length) { box.textContent = box.dataset.empty; box.classList.add('muted'); return; }
      var chart = echarts.init(box);
      chart.setOption({
        animation: false,
        tooltip: {trigger: 'axis'},
        legend: {top: 0},
        grid: {left: 48, right: 48, top: 36, bottom: 32},
        xAxis: {type: 'category', data: nights.map(function (n) { return n.date; })},
        yAxis: [{type: 'value'}, {type: 'value', name: box.dataset.minutes, splitLine: {show: false}}],
        series: [
          {name: box.dataset.fail, type: 'bar', stack: 'o', data: nights.map(function (n) { return n.fail; }), color: '#c0392b'},
          {name: box.dataset.warn, type: 'bar', stack: 'o', data: nights.map(function (n) { return n.warn; }), color: '#e6a23c'},
          {name: box.dataset.gap, type: 'bar', stack: 'o', data: nights.map(function (n) { return n.dataGap; }), color: '#909399'},
          {name: box.dataset.minutes, type: 'line', yAxisIndex: 1, data: nights.map(function (n) { return n.minutes; }), color: '#2c6fbb'}
        ]
      });
      window.addEventListener('resize', function () { chart.resize(); });
    });
})();
