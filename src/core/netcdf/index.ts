/** NetCDF-3 (CDF-1 classic, CDF-2 64-bit offset): streaming writer, CF helpers, reader. */
export {NetcdfWriter} from './writer.js'
export {cfVariable, cfGlobal, CF_CONVENTIONS, type CfVariableAttributes, type CfGlobalAttributes} from './cf.js'
export {
  NetcdfFile,
  openNetcdf,
  type NetcdfHeader,
  type NetcdfAttribute,
  type NetcdfDimensionInfo,
  type NetcdfVariableInfo,
  type NetcdfValues,
} from './reader.js'
export {validateName, type NetcdfSchema, type NetcdfFormat, type DimensionSpec, type VariableSpec} from './header.js'
export {computeLayout, type FileLayout} from './layout.js'
export {
  ncInt,
  ncShort,
  ncByte,
  ncFloat,
  ncDouble,
  ncDefaultFill,
  type NcType,
  type AttrValue,
  type TypedAttr,
  type VariableData,
} from './types.js'
