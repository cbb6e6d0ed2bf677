import { plannerQuality } from './planner-quality.js';
const n = Number(process.argv[2] ?? 3000);
for (const [label, o] of [['liquid', { liquid: true }], ['constrained', { liquid: false }], ['brokers liquid', { liquid: true, brokers: true }], ['brokers constrained', { liquid: false, brokers: true }]] as const) {
  console.log(`## ${label}`); console.log(plannerQuality(n, o));
}
