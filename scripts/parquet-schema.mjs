#!/usr/bin/env node
// Reads Parquet files with hyparquet (pure JavaScript, independent of Parquet.Net and DuckDB) and prints, per file,
// the rows it decoded and each column's name and Parquet types as JSON. The tests compare this with DuckDB's view.
//   node scripts/parquet-schema.mjs lake/silver/job_monitor/jaar=2024/part-0.parquet …
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet'

const files = []
for (const path of process.argv.slice(2)) {
  const file = await asyncBufferFromFile(path)
  const metadata = await parquetMetadataAsync(file)
  const rows = await parquetReadObjects({ file, metadata })
  const columns = metadata.schema.slice(1).map(c => ({
    name: c.name,
    physical_type: c.type ?? null,
    logical_type: c.logical_type?.type ?? null,
    converted_type: c.converted_type ?? null,
    repetition: c.repetition_type ?? null,
  }))
  files.push({ path, rows: rows.length, metadata_rows: Number(metadata.num_rows), columns })
}
process.stdout.write(JSON.stringify(files, null, 1) + '\n')
