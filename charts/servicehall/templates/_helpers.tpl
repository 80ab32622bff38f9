{{/* Names and labels shared by every template. */}}

{{- define "servicehall.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "servicehall.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "servicehall.selectorLabels" -}}
app.kubernetes.io/name: {{ include "servicehall.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "servicehall.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "servicehall.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "servicehall.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "servicehall.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "servicehall.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "servicehall.secretName" -}}
{{- default (printf "%s-secrets" (include "servicehall.fullname" .)) .Values.secrets.existingSecret -}}
{{- end -}}

{{/* Environment shared by the silo and its migration step: storage mode, connection string, configuration file. */}}
{{- define "servicehall.storageEnv" -}}
- name: ASPNETCORE_ENVIRONMENT
  value: Production
- name: ServiceHall__Storage__Mode
  value: Postgres
- name: ServiceHall__Storage__Postgres__ConnectionString
  valueFrom:
    secretKeyRef:
      name: {{ include "servicehall.secretName" . }}
      key: {{ .Values.secrets.connectionStringKey }}
{{- end -}}
