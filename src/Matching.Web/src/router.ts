import { useEffect, useState } from 'preact/hooks';

// Hash routes (#/projects/…): the host serves one index.html and needs no fallback route.

export function currentPath(): string {
  const hash = location.hash.replace(/^#/, '');
  return hash.startsWith('/') ? hash : '/';
}

export function navigate(path: string): void {
  if (currentPath() !== path) location.hash = path;
}

export function useRoute(): string[] {
  const [path, setPath] = useState(currentPath());
  useEffect(() => {
    const onChange = () => setPath(currentPath());
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return path.split('/').filter(Boolean).map(decodeURIComponent);
}
