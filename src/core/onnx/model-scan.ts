/**
 * Walks an ONNX `ModelProto` for the tensors that hold weights: the graph's
 * initializers and the `value` tensors of its Constant nodes (exporters such as
 * paddle2onnx and spox store every weight that way), in the main graph and in the
 * subgraphs of control-flow nodes (If, Loop, Scan attributes `g`/`graphs`). Only
 * headers are read; payloads stay file positions. Field numbers from onnx/onnx.proto:
 * ModelProto 1 ir_version, 2 producer_name, 3 producer_version, 4 domain,
 * 5 model_version, 7 graph, 8 opset_import, 14 metadata_props; GraphProto 1 node,
 * 2 name, 5 initializer, 15 sparse_initializer; NodeProto 2 output, 3 name,
 * 4 op_type, 5 attribute; AttributeProto 1 name, 5 t, 6 g, 11 graphs.
 */
import {type ByteSource, fieldsOf, int64Of, ProtobufError, stringOf, WIRE_LEN, type WireField} from './protobuf-wire.js'
import {readEntry, readTensorHeader, type TensorHeader} from './tensor-proto.js'

export interface ScannedTensor {
  readonly header: TensorHeader
  /** The name the graph uses: the initializer's name, or a Constant node's output. */
  readonly name: string
  /** Where it was found: '' for the main graph, else the node/attribute path of the subgraph. */
  readonly graph: string
  readonly origin: 'initializer' | 'constant'
}

export interface ModelScan {
  readonly metadata: Record<string, string>
  readonly tensors: ScannedTensor[]
}

/** Nesting deeper than this is refused (a crafted file could otherwise recurse without end). */
const MAX_GRAPH_DEPTH = 32

export function scanModel(source: ByteSource): ModelScan {
  const metadata: Record<string, string> = {}
  const tensors: ScannedTensor[] = []
  const opsets: string[] = []
  let graphSeen = false
  for (const f of fieldsOf(source, 0, source.size, 'model', {7: 'graph'})) {
    if (f.number === 1 && f.wire === 0) metadata['onnx.ir_version'] = String(int64Of(f))
    else if (f.number === 2) metadata['onnx.producer_name'] = text(source, f, 'model.producer_name')
    else if (f.number === 3) metadata['onnx.producer_version'] = text(source, f, 'model.producer_version')
    else if (f.number === 4) metadata['onnx.domain'] = text(source, f, 'model.domain')
    else if (f.number === 5 && f.wire === 0) metadata['onnx.model_version'] = String(int64Of(f))
    else if (f.number === 7) {
      graphSeen = true
      scanGraph(source, within(f, 'model.graph'), 'graph', '', 0, tensors, metadata)
    } else if (f.number === 8) opsets.push(readOpset(source, within(f, 'model.opset_import')))
    else if (f.number === 14) readEntry(source, f, 'model.metadata_props', metadata)
  }
  if (!graphSeen) throw new ProtobufError('model', 'no graph (field 7): expected an ONNX ModelProto')
  if (opsets.length > 0) metadata['onnx.opset_import'] = opsets.join(', ')
  return {metadata, tensors}
}

function text(source: ByteSource, f: WireField, path: string): string {
  return stringOf(source, within(f, path))
}

/** The field, checked to be a LEN (embedded message or string). */
function within(f: WireField, path: string): WireField {
  if (f.wire !== WIRE_LEN) throw new ProtobufError(path, `expected a message, got wire type ${f.wire}`)
  return f
}

function readOpset(source: ByteSource, f: WireField): string {
  let domain = ''
  let version = 0
  for (const e of fieldsOf(source, f.start, f.start + f.length, 'model.opset_import')) {
    if (e.number === 1) domain = text(source, e, 'model.opset_import.domain')
    else if (e.number === 2 && e.wire === 0) version = int64Of(e)
  }
  return `${domain || 'ai.onnx'} ${version}`
}

/** A subgraph met in a node attribute, scanned after its parent graph's own tensors. */
interface Subgraph {
  readonly field: WireField
  readonly path: string
  readonly graph: string
}

/**
 * The graph's own tensors (initializers, Constant values) first, then its subgraphs depth-first,
 * so a main-graph name is never taken by a subgraph tensor that is merely stored earlier.
 */
function scanGraph(
  source: ByteSource,
  g: WireField,
  path: string,
  graph: string,
  depth: number,
  out: ScannedTensor[],
  metadata: Record<string, string>,
): void {
  if (depth > MAX_GRAPH_DEPTH) throw new ProtobufError(path, `subgraphs nested deeper than ${MAX_GRAPH_DEPTH}`)
  let initializers = 0
  let nodes = 0
  let sparse = 0
  const subgraphs: Subgraph[] = []
  for (const f of fieldsOf(source, g.start, g.start + g.length, path, {1: 'node', 5: 'initializer'})) {
    if (f.number === 5) {
      const where = `${path}.initializer[${initializers++}]`
      const header = readTensorHeader(source, f.start, f.start + within(f, where).length, where)
      out.push({header, name: header.name, graph, origin: 'initializer'})
    } else if (f.number === 1) {
      const nodePath = `${path}.node[${nodes++}]`
      const node = readNode(source, within(f, nodePath), nodePath)
      if (node.constant) out.push({header: node.constant, name: node.output, graph, origin: 'constant'})
      for (const {attribute, field} of node.subgraphs) {
        const where = `${graph ? `${graph}/` : ''}${node.name || nodePath}/${attribute}`
        subgraphs.push({field, path: `${nodePath}.${attribute}`, graph: where})
      }
    } else if (f.number === 2 && depth === 0) metadata['onnx.graph_name'] = text(source, f, `${path}.name`)
    else if (f.number === 15) sparse++
  }
  if (sparse > 0) metadata[`onnx.sparse_initializers_skipped${graph ? `@${graph}` : ''}`] = String(sparse)
  for (const sub of subgraphs) scanGraph(source, sub.field, sub.path, sub.graph, depth + 1, out, metadata)
}

interface Node {
  name: string
  /** The first output's name (a Constant's tensor is known by it). */
  output: string
  /** A Constant node's `value` tensor. */
  constant?: TensorHeader
  subgraphs: {attribute: string; field: WireField}[]
}

function readNode(source: ByteSource, n: WireField, path: string): Node {
  const node: Node = {name: '', output: '', subgraphs: []}
  let opType = ''
  let value: TensorHeader | undefined
  for (const f of fieldsOf(source, n.start, n.start + n.length, path)) {
    if (f.number === 2 && node.output === '') node.output = text(source, f, `${path}.output`)
    else if (f.number === 3) node.name = text(source, f, `${path}.name`)
    else if (f.number === 4) opType = text(source, f, `${path}.op_type`)
    else if (f.number === 5) {
      const attr = readAttribute(source, within(f, `${path}.attribute`), `${path}.attribute`)
      if (attr.name === 'value' && attr.tensor) value = attr.tensor
      for (const sub of attr.graphs) node.subgraphs.push({attribute: attr.name, field: sub})
    }
  }
  if (opType === 'Constant' && value) node.constant = value
  if (node.constant && !node.output) node.output = node.constant.name
  return node
}

interface Attribute {
  name: string
  tensor?: TensorHeader
  graphs: WireField[]
}

function readAttribute(source: ByteSource, a: WireField, path: string): Attribute {
  const attr: Attribute = {name: '', graphs: []}
  for (const f of fieldsOf(source, a.start, a.start + a.length, path)) {
    if (f.number === 1) attr.name = text(source, f, `${path}.name`)
    else if (f.number === 5)
      attr.tensor = readTensorHeader(source, f.start, f.start + within(f, path).length, `${path}.t`)
    else if (f.number === 6 || f.number === 11) attr.graphs.push(within(f, `${path}.g`))
  }
  return attr
}
