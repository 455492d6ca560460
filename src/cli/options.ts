import { Option } from 'commander';

/** Where the embedded store lives, for every command that opens it. */
export const dataDirOption = () =>
  new Option('--data-dir <dir>', 'embedded store directory (ignored when DATABASE_URL is set)').env('HEARKEN_DATA_DIR');
