/** The `infolens.doctor/1` report of `doctor` (schemas/doctor.schema.json). */
import {Type} from '@sinclair/typebox'
import {ReportSchema} from './envelope-schema.js'

export const DoctorResultSchema = Type.Object({
  cpus: Type.Object({count: Type.Unknown(), model: Type.Unknown()}),
  backends: Type.Array(Type.Object({loaded: Type.Boolean(), name: Type.Unknown(), detail: Type.Unknown()})),
  linalg: Type.Object({active: Type.Unknown(), native: Type.Unknown()}),
  tempDir: Type.Object({path: Type.Unknown(), writable: Type.Unknown()}),
  infolens: Type.Unknown(),
  node: Type.Unknown(),
  platform: Type.Unknown(),
  memory: Type.Unknown(),
})

export const DoctorReportSchema = ReportSchema({
  $id: 'doctor.schema.json',
  title: 'infolens doctor report',
  schema: 'infolens.doctor/1',
  result: DoctorResultSchema,
})
