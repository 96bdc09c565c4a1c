"""AI-assisted alignment dashboard: data pack, loader, frames and charts."""
