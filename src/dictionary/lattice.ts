/**
 * kuromoji's word lattice and Viterbi search (ViterbiLattice, ViterbiNode, ViterbiSearcher),
 * rewritten over flat arrays that are reused from message to message: kuromoji allocates an
 * object per node, about 35 KB per message, and the collector's pauses were the slowest
 * messages' latency. Every rule of the original is kept, quirks included, so the best path is
 * the same node for node (the equivalence test compares against stock kuromoji).
 */

export const NodeType = { KNOWN: 0, UNKNOWN: 1, BOS: 2, EOS: 3 } as const;
export type NodeTypeCode = (typeof NodeType)[keyof typeof NodeType];

export interface ConnectionCostTable {
  /** kuromoji's cc.dat: [forward dimension, backward dimension, costs…]. */
  readonly buffer: Int16Array;
}

const NONE = -1;

export class Lattice {
  // One entry per node, by node index.
  readonly name: number[] = [];
  readonly cost: number[] = [];
  readonly startPosition: number[] = [];
  readonly length: number[] = [];
  readonly leftId: number[] = [];
  readonly rightId: number[] = [];
  readonly type: NodeTypeCode[] = [];
  /** Where the node's text stands in the sentence (UTF-16 offsets), for the unknown words' surface. */
  readonly unitStart: number[] = [];
  readonly unitEnd: number[] = [];
  private readonly previous: number[] = [];
  private readonly shortestCost: number[] = [];
  /** Nodes ending at each position, as linked lists that keep insertion order. */
  private readonly firstEndingAt: number[] = [];
  private readonly lastEndingAt: number[] = [];
  private readonly nextEndingAtSame: number[] = [];
  private nodeCount = 0;
  private positions = 0;
  private eosPosition = 1;
  private readonly backwardDimension: number;

  constructor(private readonly connectionCosts: Int16Array) {
    this.backwardDimension = connectionCosts[1]!;
  }

  /** Empties the lattice and puts in the BOS node, as `new ViterbiLattice()` does. */
  reset(): void {
    for (let position = 0; position < this.positions; position++) {
      this.firstEndingAt[position] = NONE;
      this.lastEndingAt[position] = NONE;
    }
    this.nodeCount = 0;
    this.positions = 0;
    this.eosPosition = 1;
    this.addNode(NONE, 0, 0, 0, NodeType.BOS, 0, 0, 0, 0, 0);
  }

  /** ViterbiLattice.append. */
  append(
    name: number,
    cost: number,
    start: number,
    length: number,
    type: NodeTypeCode,
    left: number,
    right: number,
    unitStart: number,
    unitEnd: number,
  ): void {
    const lastPosition = start + length - 1;
    if (this.eosPosition < lastPosition) this.eosPosition = lastPosition;
    this.addNode(name, cost, start, length, type, left, right, unitStart, unitEnd, lastPosition);
  }

  /** ViterbiLattice.appendEos: the EOS node goes one past the last position in use. */
  appendEos(): void {
    const lastIndex = this.positions;
    this.eosPosition++;
    this.addNode(NONE, 0, this.eosPosition, 0, NodeType.EOS, 0, 0, 0, 0, lastIndex);
  }

  private addNode(
    name: number,
    cost: number,
    start: number,
    length: number,
    type: NodeTypeCode,
    left: number,
    right: number,
    unitStart: number,
    unitEnd: number,
    endsAt: number,
  ): void {
    const node = this.nodeCount++;
    this.name[node] = name;
    this.cost[node] = cost;
    this.startPosition[node] = start;
    this.length[node] = length;
    this.type[node] = type;
    this.leftId[node] = left;
    this.rightId[node] = right;
    this.unitStart[node] = unitStart;
    this.unitEnd[node] = unitEnd;
    this.previous[node] = NONE;
    this.shortestCost[node] = type === NodeType.BOS ? 0 : Number.MAX_VALUE;
    this.nextEndingAtSame[node] = NONE;
    while (this.positions <= endsAt) {
      this.firstEndingAt[this.positions] = NONE;
      this.lastEndingAt[this.positions] = NONE;
      this.positions++;
    }
    const last = this.lastEndingAt[endsAt]!;
    if (last === NONE) this.firstEndingAt[endsAt] = node;
    else this.nextEndingAtSame[last] = node;
    this.lastEndingAt[endsAt] = node;
  }

  /** ViterbiSearcher.search: forward costs, then the best path back from EOS, BOS left out. */
  search(path: number[]): number[] {
    path.length = 0;
    // In kuromoji this variable is declared with `var` inside the loop, so it is never reset:
    // a node that no predecessor reaches inherits the previous node's. Kept.
    let shortestPrevious = NONE;
    for (let position = 1; position <= this.eosPosition; position++) {
      for (
        let node = position < this.positions ? this.firstEndingAt[position]! : NONE;
        node !== NONE;
        node = this.nextEndingAtSame[node]!
      ) {
        let cost = Number.MAX_VALUE;
        const before = this.startPosition[node]! - 1;
        let previous = before >= 0 && before < this.positions ? this.firstEndingAt[before]! : NONE;
        if (previous === NONE) continue;
        const left = this.leftId[node]!;
        const nodeCost = this.cost[node]!;
        for (; previous !== NONE; previous = this.nextEndingAtSame[previous]!) {
          const edgeCost = this.connectionCosts[this.rightId[previous]! * this.backwardDimension + left + 2]!;
          const total = this.shortestCost[previous]! + edgeCost + nodeCost;
          if (total < cost) {
            shortestPrevious = previous;
            cost = total;
          }
        }
        this.previous[node] = shortestPrevious;
        this.shortestCost[node] = cost;
      }
    }
    const eos = this.firstEndingAt[this.positions - 1]!;
    let back = this.previous[eos]!;
    if (back === NONE) return path;
    while (this.type[back] !== NodeType.BOS) {
      path.push(back);
      if (this.previous[back] === NONE) {
        path.length = 0;
        return path;
      }
      back = this.previous[back]!;
    }
    return path.reverse();
  }
}
