import { useEffect, useRef } from 'preact/hooks';
import type { ECharts, EChartsCoreOption } from 'echarts/core';

/** An ECharts chart sized to its box; the option is replaced whenever it changes. */
export function Chart({ option, label, height = 260 }: { option: EChartsCoreOption; label: string; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts>();
  const latest = useRef(option);
  latest.current = option;
  useEffect(() => {
    let disposed = false;
    const resize = () => chart.current?.resize();
    void import('./echartsSetup').then(({ echarts }) => {
      if (disposed || !box.current) return;
      chart.current = echarts.init(box.current, undefined, { renderer: 'svg' });
      chart.current.setOption(latest.current, true);
      box.current.dataset.ready = '1';
      window.addEventListener('resize', resize);
    });
    return () => { disposed = true; window.removeEventListener('resize', resize); chart.current?.dispose(); };
  }, []);
  useEffect(() => { chart.current?.setOption(option, true); }, [option]);
  return <div ref={box} class="chart" role="img" aria-label={label} style={{ height: `${height}px`, width: '100%' }} />;
}
