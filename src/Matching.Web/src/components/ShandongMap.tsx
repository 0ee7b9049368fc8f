import { geoMercator, geoPath } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { loadTopology, type CountyProperties, type ShandongTopology } from '../reference';

// Shandong's 136 counties as SVG (d3-geo, Mercator fitted to the province), with prefecture borders
// drawn from the shared arcs where neighbouring counties belong to different prefectures.

const WIDTH = 800;
const HEIGHT = 560;

interface Drawn {
  counties: { adcode: string; name: string; cityName: string; d: string; centroid: [number, number] }[];
  prefectureBorders: string;
  outline: string;
}

let drawn: Drawn | null = null;

function draw(topo: ShandongTopology): Drawn {
  if (drawn) return drawn;
  const collection = feature(topo, topo.objects.counties);
  const projection = geoMercator().fitSize([WIDTH, HEIGHT], collection);
  const path = geoPath(projection);
  const counties = collection.features.map(f => {
    const g = f as Feature<Polygon | MultiPolygon, CountyProperties>;
    return { adcode: String(g.id), name: g.properties.name, cityName: g.properties.cityName, d: path(g) ?? '', centroid: path.centroid(g) as [number, number] };
  });
  const prefectureBorders = path(mesh(topo, topo.objects.counties, (a, b) => a !== b && (a.properties as CountyProperties).city !== (b.properties as CountyProperties).city)) ?? '';
  const outline = path(mesh(topo, topo.objects.counties, (a, b) => a === b)) ?? '';
  drawn = { counties, prefectureBorders, outline };
  return drawn;
}

export interface MapValue {
  /** 0–1 intensity for the fill; null means no colour (grey). */
  intensity: number | null;
  /** Short text for the hover box, e.g. "74 分". */
  label: string;
  excluded?: boolean;
}

export interface ShandongMapProps {
  values: Map<string, MapValue>;
  selected?: string | null;
  onSelect?: (adcode: string) => void;
  /** Counties to mark with a dot (e.g. a county with a live bid, or awards). */
  markers?: Map<string, string>;
  legend?: { low: string; high: string; excluded?: string; marker?: string };
  title: string;
}

export function fillFor(intensity: number | null, excluded?: boolean): string {
  if (excluded) return 'url(#hatch)';
  if (intensity === null) return '#eef0f3';
  const t = Math.max(0, Math.min(1, intensity));
  // From pale green-yellow to deep green (sequential, readable when printed in grey).
  const from = [237, 248, 217];
  const to = [0, 104, 55];
  const c = from.map((f, i) => Math.round(f + (to[i] - f) * t));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

export function ShandongMap({ values, selected, onSelect, markers, legend, title }: ShandongMapProps) {
  const [topo, setTopo] = useState<ShandongTopology>();
  const [error, setError] = useState<string>();
  const [hover, setHover] = useState<{ adcode: string; x: number; y: number }>();

  useEffect(() => { loadTopology().then(setTopo, e => setError((e as Error).message)); }, []);
  const map = useMemo(() => (topo ? draw(topo) : null), [topo]);

  if (error) return <div class="map map-error" role="alert">{error}</div>;
  if (!map) return <div class="map map-loading" aria-busy="true">地图加载中…</div>;

  const hovered = hover ? map.counties.find(c => c.adcode === hover.adcode) : undefined;
  const hoveredValue = hover ? values.get(hover.adcode) : undefined;
  const colored = [...values.values()].filter(v => v.intensity !== null && !v.excluded).length;

  return (
    <figure class="map" data-colored={colored}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title}
        onMouseLeave={() => setHover(undefined)}>
        <defs>
          <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#f3f4f6" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#c4c9d0" stroke-width="2" />
          </pattern>
        </defs>
        <g class="counties">
          {map.counties.map(c => {
            const v = values.get(c.adcode);
            return (
              <path key={c.adcode} d={c.d} data-adcode={c.adcode} data-name={c.name}
                data-fit={v && v.intensity !== null && !v.excluded ? '1' : undefined}
                class={c.adcode === selected ? 'county selected' : 'county'}
                fill={fillFor(v?.intensity ?? null, v?.excluded)}
                onMouseMove={(e: MouseEvent) => {
                  const box = (e.currentTarget as SVGPathElement).ownerSVGElement!.getBoundingClientRect();
                  setHover({ adcode: c.adcode, x: e.clientX - box.left, y: e.clientY - box.top });
                }}
                onClick={() => onSelect?.(c.adcode)}>
                <title>{`${c.cityName} ${c.name}${v ? `：${v.label}` : ''}`}</title>
              </path>
            );
          })}
        </g>
        <path class="prefecture-borders" d={map.prefectureBorders} />
        <path class="province-outline" d={map.outline} />
        {markers && map.counties.filter(c => markers.has(c.adcode)).map(c => (
          <g key={`m${c.adcode}`} class="marker" transform={`translate(${c.centroid[0]},${c.centroid[1]})`} pointer-events="none">
            <circle r="6" />
            <text y="3.5" text-anchor="middle">{markers.get(c.adcode)}</text>
          </g>
        ))}
      </svg>
      {hover && hovered && (
        <div class="map-tip" role="status" style={{ left: `${Math.min(hover.x + 12, 640)}px`, top: `${hover.y + 12}px` }}>
          <strong>{hovered.name}</strong> <span class="muted">{hovered.cityName}</span>
          <div>{hoveredValue?.label ?? '无数据'}</div>
        </div>
      )}
      {legend && (
        <figcaption class="legend">
          <span>{legend.low}</span>
          <span class="ramp" aria-hidden="true" />
          <span>{legend.high}</span>
          {legend.excluded && <><span class="swatch hatch" aria-hidden="true" /> <span>{legend.excluded}</span></>}
          {legend.marker && <><span class="swatch dot" aria-hidden="true" /> <span>{legend.marker}</span></>}
          <span class="swatch border" aria-hidden="true" /> <span>地级市界</span>
        </figcaption>
      )}
    </figure>
  );
}
