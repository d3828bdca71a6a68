"""Shared contracts: typed data and pure rules every layer may import (no project imports)."""
