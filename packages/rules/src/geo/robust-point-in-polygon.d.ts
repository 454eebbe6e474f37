// The package ships no types. It returns -1 inside, 0 on the boundary, 1 outside.
declare module 'robust-point-in-polygon' {
  export default function classifyPoint(
    loop: ReadonlyArray<readonly [number, number] | readonly number[]>,
    point: readonly [number, number] | readonly number[],
  ): -1 | 0 | 1;
}
