// Build-time reference data for the workbench, read from the repository's seeds (never fetched):
//  - public/generated/shandong.topo.json: the 136 county polygons (DataV 2021) as simplified,
//    quantized TopoJSON (shared borders are stored once; prefecture borders are derived in the page);
//  - public/generated/industry-divisions.json: GB/T 4754-2017 divisions (2 digits) with their names.
// Writes only when the sources are newer than the outputs.
import { readFileSync, writeFileSync, mkdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import { quantize } from 'topojson-client';

const here = dirname(fileURLToPath(import.meta.url));
const reference = resolve(here, '../../../seeds/reference');
const out = resolve(here, '../public/generated');
mkdirSync(out, { recursive: true });

const stale = (source, target) => !existsSync(target) || statSync(source).mtimeMs > statSync(target).mtimeMs
  || statSync(fileURLToPath(import.meta.url)).mtimeMs > statSync(target).mtimeMs;

const countiesSource = join(reference, 'shandong_counties_datav2021.geojson');
const mapTarget = join(out, 'shandong.topo.json');
if (stale(countiesSource, mapTarget)) {
  const geo = JSON.parse(readFileSync(countiesSource, 'utf8'));
  for (const feature of geo.features) {
    const p = feature.properties;
    feature.id = String(p.adcode);
    feature.properties = { name: p.name, city: String(p.city_adcode), cityName: p.city_name };
  }
  if (geo.features.length !== 136) throw new Error(`expected 136 counties, found ${geo.features.length}`);
  let topo = presimplify(topology({ counties: geo }));
  // Keep the most significant 8 % of points (by triangle area): borders stay recognisable at
  // county scale while the file shrinks by an order of magnitude.
  topo = simplify(topo, quantile(topo, 0.92));
  // Integer, delta-encoded coordinates on a 10,000 grid (about 80 m across Shandong).
  topo = quantize(topo, 1e4);
  writeFileSync(mapTarget, JSON.stringify(topo));
  console.log(`map: ${mapTarget} (${Math.round(statSync(mapTarget).size / 1024)} KiB)`);
}

const industrySource = join(reference, 'gbt4754_2017_industry_classification.csv');
const divisionsTarget = join(out, 'industry-divisions.json');
if (stale(industrySource, divisionsTarget)) {
  const divisions = {};
  for (const line of readFileSync(industrySource, 'utf8').split(/\r?\n/).slice(1)) {
    const [level, code, , , , , name] = line.split(',');
    if (level === 'division') divisions[code] = name;
  }
  writeFileSync(divisionsTarget, JSON.stringify(divisions));
  console.log(`industry divisions: ${Object.keys(divisions).length}`);
}
