/**
 * Reading zip archives in place (positioned reads, zip64, stored and bounded deflate entries).
 */
export {ZipArchive, type ZipEntry} from './zip-archive.js'
export {singleRootFolder} from './entry-names.js'
export {ZipFormatError} from './zip-format-error.js'
