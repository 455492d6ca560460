import { Empty } from '../components/states';

export function WorkspacePage() {
  return <Empty title="Coming together">This screen is being built.</Empty>;
}
