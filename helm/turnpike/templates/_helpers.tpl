{{/* Names and labels. */}}
{{- define "turnpike.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "turnpike.labels" -}}
app.kubernetes.io/part-of: turnpike
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one component: include "turnpike.selector" (list . "gateway") */}}
{{- define "turnpike.selector" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ index . 1 }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
{{- end -}}

{{- define "turnpike.image" -}}
{{- $root := index . 0 -}}
{{- printf "%s/%s:%s" $root.Values.image.registry (index . 1) (default $root.Chart.AppVersion $root.Values.image.tag) -}}
{{- end -}}

{{- define "turnpike.hashSecretName" -}}
{{- default (printf "%s-api-key-hash" (include "turnpike.fullname" .)) .Values.apiKeys.hashSecret.existingSecret -}}
{{- end -}}

{{- define "turnpike.redisPasswordSecret" -}}
{{- if eq .Values.redis.mode "internal" -}}
{{- printf "%s-redis" (include "turnpike.fullname" .) -}}
{{- else -}}
{{- .Values.redis.external.passwordSecret.name -}}
{{- end -}}
{{- end -}}

{{- define "turnpike.redisPasswordKey" -}}
{{- if eq .Values.redis.mode "internal" -}}password{{- else -}}{{ .Values.redis.external.passwordSecret.key }}{{- end -}}
{{- end -}}

{{/* The Redis connection of the gateway and the usage-plan service, as Spring Boot environment variables. */}}
{{- define "turnpike.redisEnv" -}}
{{- if eq .Values.redis.mode "internal" }}
- name: SPRING_DATA_REDIS_URL
  value: {{ printf "redis://%s-redis:6379" (include "turnpike.fullname" .) | quote }}
{{- else if .Values.redis.external.sentinel.master }}
- name: SPRING_DATA_REDIS_SENTINEL_MASTER
  value: {{ .Values.redis.external.sentinel.master | quote }}
- name: SPRING_DATA_REDIS_SENTINEL_NODES
  value: {{ join "," .Values.redis.external.sentinel.nodes | quote }}
{{- else if .Values.redis.external.cluster.nodes }}
- name: SPRING_DATA_REDIS_CLUSTER_NODES
  value: {{ join "," .Values.redis.external.cluster.nodes | quote }}
{{- else }}
- name: SPRING_DATA_REDIS_URL
  value: {{ .Values.redis.external.url | quote }}
{{- end }}
{{- if include "turnpike.redisPasswordSecret" . }}
- name: SPRING_DATA_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "turnpike.redisPasswordSecret" . }}
      key: {{ include "turnpike.redisPasswordKey" . }}
{{- end }}
- name: TURNPIKE_API_KEYS_HASH_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ include "turnpike.hashSecretName" . }}
      key: hash-secret
{{- end -}}

{{/* Probes on the actuator health groups of the management port. */}}
{{- define "turnpike.probes" -}}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: management
  periodSeconds: 5
  failureThreshold: 36
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: management
  periodSeconds: 10
  failureThreshold: 3
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: management
  periodSeconds: 5
  failureThreshold: 2
{{- end -}}

{{/* Spread replicas over nodes and zones. */}}
{{- define "turnpike.spread" -}}
{{- $root := index . 0 -}}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "turnpike.selector" . | nindent 8 }}
affinity:
  podAntiAffinity:
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm:
          topologyKey: kubernetes.io/hostname
          labelSelector:
            matchLabels:
              {{- include "turnpike.selector" . | nindent 14 }}
{{- end -}}

{{/* The Secret holding the key pair the gateway signs Lambda invocations with and the authorizer service checks. */}}
{{- define "turnpike.invokeSecretName" -}}
{{- default (printf "%s-invoke-credentials" (include "turnpike.fullname" .)) .Values.authorizers.invokeCredentials.existingSecret -}}
{{- end -}}

{{/* That key pair as environment variables with a prefix: include "turnpike.invokeEnv" (list . "TURNPIKE_LAMBDA") */}}
{{- define "turnpike.invokeEnv" -}}
{{- $root := index . 0 -}}
{{- $prefix := index . 1 -}}
- name: {{ $prefix }}_ACCESS_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ include "turnpike.invokeSecretName" $root }}
      key: access-key-id
- name: {{ $prefix }}_SECRET_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "turnpike.invokeSecretName" $root }}
      key: secret-access-key
{{- end -}}
