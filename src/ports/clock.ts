// "Now", supplied by the host: the system clock, or a fixed one for demos and tests.
export interface Clock {
  now(): Date;
}
