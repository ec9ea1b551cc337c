// The part of unzipper the workbook reader uses (it ships no types; @types/unzipper is not a dependency).
declare module "unzipper" {
  import type { Readable } from "node:stream"

  interface CentralDirectoryFile {
    readonly path: string
    readonly type: "File" | "Directory"
    /** As the zip's directory declares it (a crafted file may lie). */
    readonly uncompressedSize: number
    stream(password?: string): Readable
  }

  interface CentralDirectory {
    readonly files: ReadonlyArray<CentralDirectoryFile>
  }

  const unzipper: {
    readonly Open: {
      file(path: string): Promise<CentralDirectory>
      buffer(data: Buffer): Promise<CentralDirectory>
    }
  }
  export default unzipper
}
